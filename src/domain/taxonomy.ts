export interface Category {
  id: number;
  edition: string;
  slug: string;
  name: string;
  description: string;
}

export interface Tag {
  id: number;
  edition: string;
  slug: string;
  name: string;
}
