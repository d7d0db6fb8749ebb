/** Follows the short link as a reader would; the 301's Location is the article's permalink. */
export async function permalink(baseUrl: string, id: number): Promise<string> {
  const res = await fetch(`${baseUrl}/?p=${id}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  await res.arrayBuffer();
  if (res.status !== 301 || !location) throw new Error(`/?p=${id} answered ${res.status}, not a 301 to the permalink`);
  return new URL(location, baseUrl).pathname;
}
