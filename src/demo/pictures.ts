// The demo articles' photographs: editorial illustrations drawn here as SVG and turned into the
// media library's files at seed time (services/demo/seed-pictures.ts). Nothing is downloaded and
// nothing binary ships: each scene is a few hundred bytes of code. Sources and licence: SOURCES.md.

/** The drawing size: 3:2, a common news photo shape; the library serves 480, 800 and 1200 wide. */
export const PICTURE_WIDTH = 1200;
export const PICTURE_HEIGHT = 800;
const W = PICTURE_WIDTH;
const H = PICTURE_HEIGHT;

export interface DemoPicture {
  key: string;
  /** Alt text, caption per edition; the credit is the same words in each language. */
  alt: { ar: string; en: string };
  caption: { ar: string; en: string };
  svg: () => string;
}

export const PICTURE_CREDIT = { ar: 'خبر (رسم توضيحي)', en: 'Khabar (illustration)' };

/** A small seeded generator: the same scene every time (stars, windows, beans). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const svg = (defs: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`;

const linear = (id: string, stops: string[], vertical = true) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="${vertical ? 0 : 1}" y2="${vertical ? 1 : 0}">${stops
    .map((c, i) => `<stop offset="${i / (stops.length - 1)}" stop-color="${c}"/>`)
    .join('')}</linearGradient>`;

const radial = (id: string, inner: string, outer: string, opacity = 1) =>
  `<radialGradient id="${id}"><stop offset="0" stop-color="${inner}" stop-opacity="${opacity}"/><stop offset="1" stop-color="${outer}" stop-opacity="0"/></radialGradient>`;

/** A soft vignette over the whole picture: what makes flat shapes read as a photograph's light. */
const VIGNETTE_DEF = `<radialGradient id="vig" cx="0.5" cy="0.45" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></radialGradient>`;
const vignette = `<rect width="${W}" height="${H}" fill="url(#vig)"/>`;

function stars(seed: number, n: number, maxY: number): string {
  const r = rng(seed);
  let out = '';
  for (let i = 0; i < n; i++) out += `<circle cx="${(r() * W).toFixed(0)}" cy="${(r() * maxY).toFixed(0)}" r="${(0.6 + r() * 1.8).toFixed(1)}" fill="#fff" opacity="${(0.35 + r() * 0.65).toFixed(2)}"/>`;
  return out;
}

/** A row of buildings from `y` down, with lit windows when `lit` > 0. */
function skyline(seed: number, y: number, color: string, lit: number, minH = 80, maxH = 260): string {
  const r = rng(seed);
  let out = '';
  let x = -20;
  while (x < W) {
    const w = 50 + r() * 90;
    const h = minH + r() * (maxH - minH);
    out += `<rect x="${x.toFixed(0)}" y="${(y - h).toFixed(0)}" width="${w.toFixed(0)}" height="${(h + H - y).toFixed(0)}" fill="${color}"/>`;
    if (r() < 0.3) out += `<rect x="${(x + w / 2 - 3).toFixed(0)}" y="${(y - h - 30).toFixed(0)}" width="6" height="30" fill="${color}"/>`;
    if (lit > 0) {
      for (let wy = y - h + 14; wy < y - 10; wy += 22) {
        for (let wx = x + 8; wx < x + w - 12; wx += 16) {
          if (r() < lit) out += `<rect x="${wx.toFixed(0)}" y="${wy.toFixed(0)}" width="7" height="10" fill="#ffd27a" opacity="${(0.6 + r() * 0.4).toFixed(2)}"/>`;
        }
      }
    }
    x += w + 2;
  }
  return out;
}

function palm(x: number, y: number, s: number, trunk: string, leaf: string): string {
  const top = y - 220 * s;
  const fronds = [-150, -120, -90, -60, -30, -170, -10]
    .map((a) => {
      const rad = (a * Math.PI) / 180;
      const ex = x + Math.cos(rad) * 130 * s;
      const ey = top + Math.sin(rad) * 60 * s + 50 * s;
      const cx = x + Math.cos(rad) * 60 * s;
      const cy = top + Math.sin(rad) * 90 * s;
      return `<path d="M${x} ${top} Q${cx} ${cy} ${ex} ${ey}" stroke="${leaf}" stroke-width="${16 * s}" fill="none" stroke-linecap="round"/>`;
    })
    .join('');
  return `<path d="M${x - 9 * s} ${y} Q${x - 20 * s} ${(y + top) / 2} ${x - 3 * s} ${top} L${x + 5 * s} ${top} Q${x - 6 * s} ${(y + top) / 2} ${x + 9 * s} ${y}Z" fill="${trunk}"/>${fronds}`;
}

/** A standing figure (head and body), facing the viewer: crowds, runners, players. */
function person(x: number, y: number, s: number, color: string, lean = 0): string {
  return `<g transform="translate(${x} ${y}) scale(${s}) rotate(${lean})"><circle cx="0" cy="-92" r="13" fill="${color}"/><path d="M-16 -74 Q0 -82 16 -74 L20 -30 L12 -30 L10 0 L2 0 L0 -28 L-2 0 L-10 0 L-12 -30 L-20 -30Z" fill="${color}"/></g>`;
}

function olive(x: number, y: number, s: number): string {
  const r = rng(Math.round(x * 7 + y));
  let leaves = '';
  for (let i = 0; i < 9; i++) leaves += `<ellipse cx="${(x + (r() - 0.5) * 110 * s).toFixed(0)}" cy="${(y - 90 * s + (r() - 0.5) * 60 * s).toFixed(0)}" rx="${(40 * s).toFixed(0)}" ry="${(26 * s).toFixed(0)}" fill="${r() < 0.5 ? '#7d8f4e' : '#94a562'}"/>`;
  return `<path d="M${x - 8 * s} ${y} Q${x - 14 * s} ${y - 40 * s} ${x - 4 * s} ${y - 70 * s} L${x + 6 * s} ${y - 70 * s} Q${x + 10 * s} ${y - 40 * s} ${x + 10 * s} ${y}Z" fill="#5b4630"/>${leaves}`;
}

const scenes: Record<string, () => string> = {
  desalination: () =>
    svg(
      linear('sky', ['#8fd3f4', '#e6f4f1', '#fbe7c6']) + linear('sea', ['#2a7fa8', '#12486b']) + radial('sun', '#fff7d6', '#ffd36b', 0.9) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/><circle cx="960" cy="150" r="160" fill="url(#sun)"/><circle cx="960" cy="150" r="55" fill="#fff6cf"/>` +
        `<rect y="430" width="${W}" height="370" fill="url(#sea)"/>` +
        `<path d="M0 470 Q300 440 620 470 T1200 450 V800 H0Z" fill="#e9d3a6"/>` +
        // the plant: a hall, two tanks, a stack
        `<rect x="130" y="330" width="260" height="150" fill="#f4f1ea"/><rect x="130" y="330" width="260" height="18" fill="#c7d3d9"/>` +
        `<rect x="160" y="380" width="40" height="60" fill="#8aa4b1"/><rect x="230" y="380" width="40" height="60" fill="#8aa4b1"/><rect x="300" y="380" width="60" height="100" fill="#5f7f8e"/>` +
        `<ellipse cx="450" cy="440" rx="50" ry="14" fill="#dfe7ea"/><rect x="400" y="380" width="100" height="60" fill="#dfe7ea"/><ellipse cx="450" cy="380" rx="50" ry="14" fill="#eef3f4"/>` +
        `<ellipse cx="550" cy="450" rx="40" ry="11" fill="#dfe7ea"/><rect x="510" y="400" width="80" height="50" fill="#dfe7ea"/><ellipse cx="550" cy="400" rx="40" ry="11" fill="#eef3f4"/>` +
        // rows of solar panels in perspective
        Array.from({ length: 5 }, (_, i) => {
          const y = 540 + i * 52;
          const sk = 40 + i * 14;
          return `<path d="M${-40 + i * 10} ${y} L${W + 40} ${y - 30} L${W + 40 + sk} ${y + 18 + i * 4} L${-40 + i * 10 + sk} ${y + 40 + i * 4}Z" fill="#1d3557"/><path d="M${-40 + i * 10} ${y} L${W + 40} ${y - 30}" stroke="#a8dadc" stroke-width="3"/>` +
            Array.from({ length: 14 }, (_, k) => `<path d="M${k * 95 + i * 8} ${y - k * 2.5} l${sk} ${40 + i * 4}" stroke="#457b9d" stroke-width="2"/>`).join('');
        }).join('') +
        vignette,
    ),
  palms: () =>
    svg(
      linear('sky', ['#f9d29d', '#f6b980', '#e9a06c']) + linear('ground', ['#c58e5a', '#8b5a36']) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/><circle cx="300" cy="330" r="70" fill="#fff1c9" opacity="0.9"/>` +
        `<rect y="520" width="${W}" height="280" fill="url(#ground)"/>` +
        [120, 330, 560, 800, 1040].map((x, i) => palm(x, 560, 0.7 + (i % 2) * 0.1, '#6b4226', '#3f6b3a')).join('') +
        [220, 450, 690, 930, 1160].map((x) => palm(x, 540, 0.45, '#7a5533', '#557a4b')).join('') +
        // irrigation channels
        `<path d="M0 700 L1200 640" stroke="#4aa3c7" stroke-width="10"/><path d="M0 760 L1200 700" stroke="#4aa3c7" stroke-width="8" opacity="0.8"/>` +
        // the sensor: a pole, a box with a small panel, signal arcs
        `<rect x="760" y="520" width="10" height="200" fill="#3d3d3d"/><rect x="735" y="505" width="60" height="40" rx="6" fill="#f2f2f2"/><rect x="742" y="512" width="46" height="10" fill="#2a9d8f"/>` +
        [40, 70, 100].map((r) => `<path d="M${765 - r * 0.7} ${470 - r * 0.2} A${r} ${r} 0 0 1 ${765 + r * 0.7} ${470 - r * 0.2}" stroke="#ffffff" stroke-width="6" fill="none" opacity="0.85" transform="translate(0 ${-r * 0.5})"/>`).join('') +
        vignette,
    ),
  cinema: () =>
    svg(
      linear('sky', ['#1b2a49', '#48426d', '#c06c84']) + linear('wall', ['#e8d8b9', '#d2b48c']) + radial('glow', '#ffe3a3', '#ffb347', 0.8) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` +
        skyline(3, 420, '#2c2546', 0.08, 60, 160) +
        `<rect x="260" y="180" width="680" height="620" fill="url(#wall)"/><path d="M240 180 L600 90 L960 180Z" fill="#c9a77c"/>` +
        `<ellipse cx="600" cy="430" rx="420" ry="160" fill="url(#glow)" opacity="0.6"/>` +
        // the marquee and its bulbs
        `<rect x="300" y="360" width="600" height="110" fill="#7a1f2b"/><rect x="320" y="380" width="560" height="70" fill="#fff4df"/>` +
        Array.from({ length: 30 }, (_, i) => `<circle cx="${310 + i * 20}" cy="370" r="5" fill="#ffd66b"/><circle cx="${310 + i * 20}" cy="460" r="5" fill="#ffd66b"/>`).join('') +
        [360, 420, 480, 560, 620, 700, 760, 820].map((x, i) => `<rect x="${x}" y="400" width="${30 + (i % 3) * 12}" height="30" rx="4" fill="#2d2d2d"/>`).join('') +
        // arched windows and the doors
        [330, 480, 630, 780].map((x) => `<path d="M${x} 320 V240 a45 45 0 0 1 90 0 V320Z" fill="#35506b"/><path d="M${x + 45} 195 V320" stroke="#e8d8b9" stroke-width="4"/>`).join('') +
        `<rect x="450" y="560" width="300" height="240" fill="#4b2e2a"/><rect x="470" y="580" width="120" height="220" fill="#ffcf87" opacity="0.85"/><rect x="610" y="580" width="120" height="220" fill="#ffcf87" opacity="0.85"/>` +
        [320, 790].map((x) => `<rect x="${x}" y="520" width="90" height="140" fill="#1f3b57"/><rect x="${x + 8}" y="528" width="74" height="124" fill="#e76f51"/><circle cx="${x + 45}" cy="575" r="22" fill="#f4a261"/>`).join('') +
        person(180, 790, 1.2, '#1c1424') + person(1040, 790, 1.3, '#1c1424') + person(1110, 795, 1.1, '#1c1424') +
        vignette,
    ),
  olives: () =>
    svg(
      linear('sky', ['#a9cce3', '#eef5f9']) + linear('hill', ['#b7b36b', '#8a8a4a']) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` +
        `<path d="M0 360 Q250 250 520 330 T1200 280 V800 H0Z" fill="#9fae7a"/>` +
        `<path d="M0 450 Q300 380 650 440 T1200 420 V800 H0Z" fill="url(#hill)"/>` +
        // stone terraces
        [520, 620, 720].map((y, i) => `<path d="M0 ${y} Q400 ${y - 40} 800 ${y - 10} T1200 ${y - 30}" stroke="#d9cfb4" stroke-width="${10 + i * 4}" fill="none"/>`).join('') +
        [[90, 470], [300, 450], [520, 465], [760, 450], [980, 440], [160, 590], [430, 575], [700, 570], [980, 560], [280, 720], [620, 700], [940, 690]]
          .map(([x, y], i) => olive(x!, y!, 0.7 + (i >= 5 ? 0.3 : 0) + (i >= 9 ? 0.3 : 0)))
          .join('') +
        // the first export: oil bottles in a crate
        `<rect x="930" y="660" width="240" height="130" fill="#a0522d"/><rect x="930" y="660" width="240" height="14" fill="#8b4513"/>` +
        [955, 1010, 1065, 1120].map((x) => `<rect x="${x - 16}" y="570" width="32" height="95" rx="8" fill="#6b8e23" opacity="0.92"/><rect x="${x - 6}" y="545" width="12" height="28" fill="#3b5323"/><rect x="${x - 14}" y="600" width="28" height="30" fill="#f5f0d8"/>`).join('') +
        vignette,
    ),
  dialects: () =>
    svg(
      linear('bg', ['#0f2027', '#203a43', '#2c5364']) + linear('bar', ['#56ccf2', '#2f80ed']) + radial('halo', '#56ccf2', '#2f80ed', 0.35) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#bg)"/><circle cx="600" cy="400" r="380" fill="url(#halo)"/>` +
        (() => {
          const r = rng(5);
          let bars = '';
          for (let i = 0; i < 60; i++) {
            const h = 20 + Math.abs(Math.sin(i / 4)) * 200 * (0.4 + r() * 0.6);
            bars += `<rect x="${40 + i * 19}" y="${400 - h / 2}" width="11" height="${h}" rx="5" fill="url(#bar)" opacity="${i > 22 && i < 38 ? 0.25 : 0.9}"/>`;
          }
          return bars;
        })() +
        // a microphone at the centre
        `<rect x="560" y="250" width="80" height="150" rx="40" fill="#e8eef3"/><path d="M530 350 a70 70 0 0 0 140 0" stroke="#e8eef3" stroke-width="12" fill="none"/><rect x="594" y="420" width="12" height="80" fill="#e8eef3"/><rect x="550" y="495" width="100" height="14" rx="7" fill="#e8eef3"/>` +
        [280, 300, 320, 340].map((y) => `<path d="M575 ${y} H625" stroke="#9fb3c2" stroke-width="5"/>`).join('') +
        // speech bubbles
        `<path d="M170 150 h220 a20 20 0 0 1 20 20 v70 a20 20 0 0 1 -20 20 h-160 l-40 35 v-35 h-20 a20 20 0 0 1 -20 -20 v-70 a20 20 0 0 1 20 -20Z" fill="#f2c94c" opacity="0.9"/>` +
        `<path d="M830 560 h200 a20 20 0 0 1 20 20 v60 a20 20 0 0 1 -20 20 h-20 v35 l-40 -35 h-140 a20 20 0 0 1 -20 -20 v-60 a20 20 0 0 1 20 -20Z" fill="#eb5757" opacity="0.9"/>` +
        [190, 220].map((y) => `<rect x="200" y="${y}" width="${y === 190 ? 170 : 120}" height="12" rx="6" fill="#7a5c00"/>`).join('') +
        [595, 625].map((y) => `<rect x="850" y="${y}" width="${y === 595 ? 160 : 110}" height="12" rx="6" fill="#7a1f1f"/>`).join('') +
        vignette,
    ),
  coral: () =>
    svg(
      linear('water', ['#4fc3dc', '#1b6f93', '#0b2f4a']) + linear('ray', ['#ffffff', '#ffffff00']) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#water)"/>` +
        [150, 380, 640, 900].map((x, i) => `<path d="M${x} 0 L${x + 80} 0 L${x + 260 - i * 20} 800 L${x + 140} 800Z" fill="url(#ray)" opacity="0.12"/>`).join('') +
        `<path d="M0 640 Q300 590 600 630 T1200 610 V800 H0Z" fill="#d8c39a"/>` +
        // branching corals, brain corals, sea fans
        [[160, 650, '#ff7f6e'], [420, 640, '#ffb38a'], [760, 640, '#f06292'], [1010, 630, '#ff8a65']].map(([x, y, c]) =>
          [-50, -25, 0, 25, 50].map((a) => `<path d="M${x} ${y} q${a} -60 ${a * 1.6} -${150 + Math.abs(a)}" stroke="${c}" stroke-width="18" fill="none" stroke-linecap="round"/>`).join(''),
        ).join('') +
        [[300, 680, 70, '#c5e1a5'], [600, 690, 90, '#f8bbd0'], [880, 680, 60, '#fff59d'], [1130, 690, 70, '#b39ddb']].map(([x, y, r, c]) => `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${Number(r) * 0.6}" fill="${c}"/><path d="M${Number(x) - Number(r) * 0.7} ${y} q${r} -30 ${Number(r) * 1.4} 0" stroke="#00000022" stroke-width="4" fill="none"/>`).join('') +
        // a bleached branch: the story's point
        `<path d="M560 640 q-20 -80 -10 -170 M560 640 q30 -70 60 -140 M560 640 q0 -60 -50 -110" stroke="#f3efe6" stroke-width="16" fill="none" stroke-linecap="round"/>` +
        // fish
        (() => {
          const r = rng(11);
          let f = '';
          for (let i = 0; i < 14; i++) {
            const x = 80 + r() * 1040;
            const y = 120 + r() * 360;
            const s = 0.6 + r() * 0.8;
            f += `<g transform="translate(${x.toFixed(0)} ${y.toFixed(0)}) scale(${s.toFixed(2)})"><ellipse rx="26" ry="11" fill="${r() < 0.5 ? '#ffd54f' : '#4dd0e1'}"/><path d="M22 0 l18 -12 v24Z" fill="${r() < 0.5 ? '#ffb300' : '#0097a7'}"/><circle cx="-14" cy="-3" r="2.5" fill="#102030"/></g>`;
          }
          return f;
        })() +
        vignette,
    ),
  manuscripts: () =>
    svg(
      linear('wall', ['#3b2a20', '#24170f']) + radial('lamp', '#ffe7b0', '#ffb347', 0.85) + linear('page', ['#f3e3bf', '#e2c98f'], false) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#wall)"/><circle cx="860" cy="200" r="420" fill="url(#lamp)" opacity="0.7"/>` +
        `<rect y="470" width="${W}" height="330" fill="#6b4a2f"/><rect y="470" width="${W}" height="12" fill="#855d3b"/>` +
        // the open manuscript
        `<path d="M250 560 Q420 520 600 560 L600 760 Q420 720 250 760Z" fill="url(#page)"/><path d="M600 560 Q780 520 950 560 L950 760 Q780 720 600 760Z" fill="url(#page)"/>` +
        `<path d="M600 560 V760" stroke="#b08d57" stroke-width="3"/>` +
        (() => {
          const r = rng(7);
          let lines = '';
          for (const x0 of [280, 630]) {
            for (let i = 0; i < 8; i++) {
              const y = 580 + i * 20;
              let x = x0;
              while (x < x0 + 280) {
                const w = 14 + r() * 40;
                lines += `<path d="M${x.toFixed(0)} ${y} q${(w / 2).toFixed(0)} -6 ${w.toFixed(0)} 0" stroke="${i === 0 ? '#9b2226' : '#3a2a1a'}" stroke-width="3" fill="none"/>`;
                x += w + 8;
              }
            }
          }
          return lines;
        })() +
        // a phone photographing it
        `<rect x="760" y="330" width="150" height="260" rx="18" fill="#1d1d1f" transform="rotate(12 835 460)"/><rect x="772" y="350" width="126" height="220" rx="8" fill="#f3e3bf" transform="rotate(12 835 460)"/>` +
        // the chest with more books, the lamp
        `<rect x="60" y="360" width="160" height="110" fill="#7f5539"/><rect x="60" y="350" width="160" height="20" fill="#9c6644"/>` +
        [80, 110, 140, 170].map((x, i) => `<rect x="${x}" y="${300 - i * 6}" width="26" height="${60 + i * 6}" fill="${['#8d5524', '#5e3023', '#a47148', '#6f1d1b'][i]}"/>`).join('') +
        `<path d="M860 120 L820 200 H900Z" fill="#c89f5d"/><rect x="855" y="60" width="10" height="60" fill="#2b2b2b"/>` +
        vignette,
    ),
  nightrun: () =>
    svg(
      linear('sky', ['#0b1d3a', '#1c3f6e', '#3d5a80']) + linear('sea', ['#1b3a5c', '#0a1f33']) + radial('lampglow', '#fff3c4', '#ffd166', 0.8) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` + stars(8, 60, 300) + `<circle cx="1020" cy="120" r="40" fill="#f6f1d5"/>` +
        skyline(9, 430, '#14243d', 0.25, 60, 200) +
        `<rect y="430" width="${W}" height="120" fill="url(#sea)"/>` +
        Array.from({ length: 12 }, (_, i) => `<path d="M${i * 100 + 20} ${470 + (i % 3) * 20} h50" stroke="#ffd27a" stroke-width="2" opacity="0.5"/>`).join('') +
        `<rect y="550" width="${W}" height="30" fill="#b8b2a7"/><rect y="580" width="${W}" height="220" fill="#3a3f4b"/>` +
        // street lamps along the corniche
        [100, 400, 700, 1000].map((x) => `<circle cx="${x}" cy="430" r="70" fill="url(#lampglow)" opacity="0.55"/><rect x="${x - 4}" y="430" width="8" height="150" fill="#20242c"/><circle cx="${x}" cy="428" r="12" fill="#fff3c4"/>`).join('') +
        // runners with bibs
        (() => {
          const r = rng(12);
          let p = '';
          for (let i = 0; i < 22; i++) {
            const x = 30 + i * 55 + r() * 20;
            const y = 690 + (i % 3) * 35;
            const c = ['#e63946', '#f1faee', '#a8dadc', '#ffb703', '#fb8500'][i % 5]!;
            p += person(x, y, 1 + (i % 3) * 0.15, c, (r() - 0.5) * 14);
          }
          return p;
        })() +
        vignette,
    ),
  market: () =>
    svg(
      linear('sky', ['#fde2b8', '#f7c59f']) + linear('awning', ['#2a9d8f', '#21867a']) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` + skyline(14, 380, '#d4a373', 0, 120, 260) +
        // the stall: an awning with stripes, a table of crates
        `<path d="M60 250 H1140 L1100 340 H100Z" fill="url(#awning)"/>` +
        Array.from({ length: 11 }, (_, i) => `<path d="M${60 + i * 98} 250 h49 l-4 90 h-49Z" fill="#f1faee" opacity="0.85"/>`).join('') +
        `<rect x="120" y="340" width="12" height="330" fill="#5c4033"/><rect x="1068" y="340" width="12" height="330" fill="#5c4033"/>` +
        `<rect x="100" y="520" width="1000" height="280" fill="#8d6e63"/>` +
        (() => {
          const r = rng(21);
          const crates: [number, string[]][] = [[130, ['#e63946', '#d62828']], [370, ['#f77f00', '#fcbf49']], [610, ['#6a994e', '#a7c957']], [850, ['#7b2cbf', '#9d4edd']]];
          let out = '';
          for (const [x, colors] of crates) {
            out += `<rect x="${x}" y="500" width="220" height="90" fill="#c8a27a"/><rect x="${x}" y="540" width="220" height="6" fill="#a47e5a"/>`;
            for (let i = 0; i < 26; i++) out += `<circle cx="${(x + 15 + r() * 190).toFixed(0)}" cy="${(470 + r() * 40).toFixed(0)}" r="${(14 + r() * 8).toFixed(0)}" fill="${colors[i % 2]}"/>`;
          }
          return out;
        })() +
        // the phone and its code, on a stand
        `<rect x="520" y="600" width="160" height="190" rx="18" fill="#222"/><rect x="534" y="618" width="132" height="150" rx="6" fill="#fff"/>` +
        (() => {
          const r = rng(4);
          let q = '';
          for (let y = 0; y < 9; y++) for (let x = 0; x < 9; x++) if (r() < 0.5 || (x < 3 && y < 3) || (x > 5 && y < 3) || (x < 3 && y > 5)) q += `<rect x="${546 + x * 12}" y="${630 + y * 12}" width="12" height="12" fill="#111"/>`;
          return q;
        })() +
        person(300, 800, 1.5, '#3d405b') + person(960, 800, 1.6, '#81b29a') +
        vignette,
    ),
  football: () =>
    svg(
      linear('pitch', ['#4caf50', '#2e7d32']) + linear('sky', ['#90caf9', '#e3f2fd']) + VIGNETTE_DEF,
      `<rect width="${W}" height="260" fill="url(#sky)"/>` +
        `<rect x="0" y="160" width="${W}" height="100" fill="#90a4ae"/>` +
        Array.from({ length: 60 }, (_, i) => `<circle cx="${i * 20 + 10}" cy="${190 + (i % 3) * 22}" r="7" fill="${['#e57373', '#fff', '#ffb74d', '#64b5f6'][i % 4]}"/>`).join('') +
        `<rect y="260" width="${W}" height="540" fill="url(#pitch)"/>` +
        Array.from({ length: 6 }, (_, i) => `<rect y="${260 + i * 90}" width="${W}" height="45" fill="#ffffff" opacity="0.05"/>`).join('') +
        `<path d="M0 330 H1200 M600 330 V800" stroke="#fff" stroke-width="5" opacity="0.85"/><ellipse cx="600" cy="560" rx="170" ry="90" stroke="#fff" stroke-width="5" fill="none" opacity="0.85"/>` +
        // the goal
        `<path d="M880 440 V300 H1120 V440" stroke="#fff" stroke-width="10" fill="none"/>` +
        Array.from({ length: 12 }, (_, i) => `<path d="M${890 + i * 20} 300 V440" stroke="#fff" stroke-width="1.5" opacity="0.6"/>`).join('') +
        Array.from({ length: 7 }, (_, i) => `<path d="M880 ${310 + i * 20} H1120" stroke="#fff" stroke-width="1.5" opacity="0.6"/>`).join('') +
        // players in two kits, the ball
        [[260, 640, '#d32f2f'], [420, 560, '#d32f2f'], [700, 620, '#f9f9f9'], [560, 700, '#d32f2f'], [980, 520, '#f9f9f9'], [820, 700, '#f9f9f9']].map(([x, y, c]) => person(Number(x), Number(y), 1.3, String(c), 0)).join('') +
        `<circle cx="640" cy="690" r="16" fill="#fff"/><path d="M630 684 l10 -6 10 6 -4 10 h-12Z" fill="#222"/>` +
        vignette,
    ),
  poetry: () =>
    svg(
      linear('wall', ['#5a2a27', '#2d1515']) + radial('bulb', '#fff2c6', '#ffb703', 0.9) + radial('spot', '#ffe8b0', '#ffe8b0', 0.45) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#wall)"/>` +
        // arches and tile frieze
        [120, 420, 720, 1020].map((x) => `<path d="M${x - 100} 420 V200 a100 100 0 0 1 200 0 V420Z" fill="#3b1b19"/>`).join('') +
        Array.from({ length: 30 }, (_, i) => `<path d="M${i * 40} 440 l20 -20 20 20 -20 20Z" fill="${i % 2 ? '#2a9d8f' : '#e9c46a'}" opacity="0.8"/>`).join('') +
        // hanging lamps
        [200, 450, 750, 1000].map((x, i) => `<path d="M${x} 0 V${90 + (i % 2) * 40}" stroke="#111" stroke-width="3"/><circle cx="${x}" cy="${120 + (i % 2) * 40}" r="70" fill="url(#bulb)" opacity="0.8"/><path d="M${x - 26} ${100 + (i % 2) * 40} h52 l-10 30 h-32Z" fill="#b5651d"/>`).join('') +
        `<ellipse cx="600" cy="640" rx="260" ry="170" fill="url(#spot)"/>` +
        // the poet at the microphone, the audience's heads
        person(600, 640, 2.1, '#111') + `<path d="M560 470 L520 640" stroke="#222" stroke-width="6"/><rect x="548" y="452" width="20" height="34" rx="10" fill="#333"/>` +
        Array.from({ length: 9 }, (_, i) => `<circle cx="${80 + i * 130}" cy="${760 - (i % 2) * 14}" r="46" fill="#1a0d0c"/><rect x="${34 + i * 130}" y="${780 - (i % 2) * 14}" width="92" height="60" rx="30" fill="#1a0d0c"/>`).join('') +
        // tea glasses on a low table
        `<rect x="900" y="620" width="200" height="14" fill="#6d4c41"/>` + [930, 980, 1030].map((x) => `<path d="M${x} 585 h26 l-4 35 h-18Z" fill="#c0392b" opacity="0.85"/>`).join('') +
        vignette,
    ),
  basketball: () =>
    svg(
      linear('floor', ['#e0a96d', '#c68642']) + linear('wall', ['#264653', '#1d3541']) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#wall)"/>` +
        Array.from({ length: 8 }, (_, i) => `<rect x="${i * 160 + 40}" y="40" width="100" height="18" fill="#f1faee" opacity="0.85"/>`).join('') +
        `<path d="M0 430 H1200 V800 H0Z" fill="url(#floor)"/>` +
        Array.from({ length: 24 }, (_, i) => `<path d="M${i * 52} 430 L${i * 70 - 220} 800" stroke="#a86a32" stroke-width="2" opacity="0.4"/>`).join('') +
        `<path d="M100 800 Q600 520 1100 800" stroke="#fff" stroke-width="6" fill="none"/><rect x="470" y="520" width="260" height="280" fill="#e76f51" opacity="0.55"/>` +
        // backboard and hoop
        `<rect x="470" y="150" width="260" height="160" fill="#fff" opacity="0.92" stroke="#222" stroke-width="6"/><rect x="555" y="225" width="90" height="60" fill="none" stroke="#e63946" stroke-width="6"/>` +
        `<ellipse cx="600" cy="300" rx="55" ry="12" stroke="#e76f51" stroke-width="7" fill="none"/>` +
        Array.from({ length: 6 }, (_, i) => `<path d="M${550 + i * 20} 302 L${565 + i * 14} 370" stroke="#fff" stroke-width="2"/>`).join('') +
        // athletes in wheelchairs
        [[300, 640, '#e9c46a'], [620, 600, '#f1faee'], [900, 660, '#e9c46a']].map(([x, y, c]) =>
          `<circle cx="${x}" cy="${Number(y) + 40}" r="52" stroke="#222" stroke-width="9" fill="none"/><circle cx="${x}" cy="${Number(y) + 40}" r="6" fill="#222"/>` +
          `<path d="M${Number(x) - 18} ${Number(y) - 70} L${Number(x) - 10} ${Number(y) + 10} H${Number(x) + 40}" stroke="${c}" stroke-width="26" fill="none" stroke-linecap="round"/><circle cx="${Number(x) - 14}" cy="${Number(y) - 100}" r="18" fill="${c}"/>` +
          `<path d="M${Number(x) - 10} ${Number(y) - 60} L${Number(x) + 30} ${Number(y) - 110}" stroke="${c}" stroke-width="12" stroke-linecap="round"/>`,
        ).join('') +
        `<circle cx="690" cy="420" r="28" fill="#e76f51"/><path d="M662 420 H718 M690 392 V448" stroke="#7a2e1b" stroke-width="3"/>` +
        vignette,
    ),
  coffee: () =>
    svg(
      linear('bg', ['#6f4e37', '#3e2723']) + radial('warm', '#ffcc80', '#ff9800', 0.5) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#bg)"/><circle cx="350" cy="250" r="420" fill="url(#warm)" opacity="0.5"/>` +
        // the roaster drum
        `<rect x="140" y="200" width="340" height="240" rx="30" fill="#37474f"/><circle cx="310" cy="320" r="90" fill="#263238"/><circle cx="310" cy="320" r="60" fill="#546e7a"/><rect x="270" y="80" width="80" height="130" fill="#455a64"/><path d="M250 80 H370 L340 40 H280Z" fill="#607d8b"/>` +
        `<rect x="140" y="440" width="340" height="40" fill="#263238"/>` +
        // the counter, sacks of beans, cups
        `<rect y="520" width="${W}" height="280" fill="#4e342e"/><rect y="520" width="${W}" height="14" fill="#795548"/>` +
        `<path d="M620 520 Q600 380 680 360 H860 Q940 380 920 520Z" fill="#c8a97e"/><path d="M650 400 H890" stroke="#8d6e63" stroke-width="6"/>` +
        (() => {
          const r = rng(31);
          let b = '';
          for (let i = 0; i < 70; i++) {
            const x = 60 + r() * 1080;
            const y = 560 + r() * 220;
            const a = (r() * 180).toFixed(0);
            b += `<g transform="translate(${x.toFixed(0)} ${y.toFixed(0)}) rotate(${a})"><ellipse rx="13" ry="9" fill="#3e2015"/><path d="M-10 0 Q0 -3 10 0" stroke="#1b0d08" stroke-width="2" fill="none"/></g>`;
          }
          return b;
        })() +
        [[980, 470], [1090, 490]].map(([x, y]) => `<path d="M${Number(x) - 45} ${y} h90 l-10 70 h-70Z" fill="#fafafa"/><ellipse cx="${x}" cy="${y}" rx="45" ry="10" fill="#5d4037"/><path d="M${Number(x) + 44} ${Number(y) + 15} q25 5 0 35" stroke="#fafafa" stroke-width="7" fill="none"/>` +
          `<path d="M${Number(x) - 10} ${Number(y) - 20} q-15 -30 0 -60 M${Number(x) + 10} ${Number(y) - 20} q15 -30 0 -60" stroke="#fff" stroke-width="4" fill="none" opacity="0.4"/>`).join('') +
        vignette,
    ),
  hotnight: () =>
    svg(
      linear('sky', ['#2b1055', '#7597de', '#d16ba5'].reverse()) + radial('heat', '#ff6b6b', '#ff6b6b', 0.5) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` + stars(15, 40, 260) +
        `<circle cx="220" cy="150" r="60" fill="#fff4d6"/><circle cx="245" cy="135" r="55" fill="#2b1055" opacity="0.35"/>` +
        `<ellipse cx="600" cy="640" rx="700" ry="260" fill="url(#heat)" opacity="0.5"/>` +
        skyline(16, 560, '#1e0f3c', 0.35, 100, 330) +
        // air-conditioner boxes on the walls
        (() => {
          const r = rng(17);
          let a = '';
          for (let i = 0; i < 14; i++) a += `<rect x="${(40 + r() * 1100).toFixed(0)}" y="${(320 + r() * 200).toFixed(0)}" width="34" height="22" fill="#c9c4d8" opacity="0.8"/>`;
          return a;
        })() +
        `<rect y="560" width="${W}" height="240" fill="#2a1748"/><rect y="640" width="${W}" height="90" fill="#3b2560"/>` +
        Array.from({ length: 10 }, (_, i) => `<rect x="${i * 130 + 20}" y="682" width="70" height="8" fill="#ffd27a" opacity="0.7"/>`).join('') +
        [150, 450, 750].map((x) => `<rect x="${x}" y="560" width="6" height="80" fill="#1e0f3c"/><circle cx="${x + 3}" cy="560" r="26" fill="#ffd27a" opacity="0.35"/><circle cx="${x + 3}" cy="560" r="8" fill="#fff3c4"/>`).join('') +
        // the thermometer
        `<rect x="1000" y="140" width="46" height="380" rx="23" fill="#f1f1f1"/><circle cx="1023" cy="540" r="46" fill="#e63946"/><rect x="1013" y="230" width="20" height="300" rx="10" fill="#e63946"/>` +
        [200, 260, 320, 380, 440].map((y) => `<path d="M1050 ${y} h22" stroke="#f1f1f1" stroke-width="5"/>`).join('') +
        vignette,
    ),
  stargazing: () =>
    svg(
      linear('sky', ['#050b1f', '#13294b', '#3b4f7a']) + linear('rock', ['#c0643b', '#7d3b22']) + linear('sand', ['#d98c5f', '#a65a35']) + radial('mw', '#cdd7ff', '#cdd7ff', 0.25) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/><ellipse cx="640" cy="260" rx="700" ry="90" fill="url(#mw)" transform="rotate(-18 640 260)"/>` + stars(19, 220, 520) +
        // meteors
        [[300, 90], [720, 60], [980, 180], [520, 220]].map(([x, y]) => `<path d="M${x} ${y} l-120 70" stroke="#fff" stroke-width="3" opacity="0.8" stroke-linecap="round"/>`).join('') +
        // the sandstone massifs of the wadi
        `<path d="M0 520 L60 380 L120 360 L170 420 L230 300 L300 290 L340 380 L380 520Z" fill="url(#rock)"/>` +
        `<path d="M820 520 L860 340 L930 320 L970 380 L1020 280 L1110 270 L1160 360 L1200 350 V520Z" fill="url(#rock)"/>` +
        `<path d="M0 520 Q300 480 600 520 T1200 500 V800 H0Z" fill="url(#sand)"/>` +
        // the watchers: telescopes and people
        `<path d="M520 640 l40 -90 M560 550 l40 90 M560 550 V640" stroke="#1a1a1a" stroke-width="6"/><rect x="520" y="520" width="130" height="30" rx="12" fill="#1a1a1a" transform="rotate(-28 560 550)"/>` +
        person(680, 700, 1.3, '#1a1a1a') + person(460, 710, 1.2, '#1a1a1a') + person(760, 700, 1.1, '#1a1a1a') +
        `<path d="M200 690 l80 -8 -10 30Z" fill="#1a1a1a"/><circle cx="240" cy="660" r="30" fill="#ffb347" opacity="0.5"/>` +
        vignette,
    ),
  cargobikes: () =>
    svg(
      linear('sky', ['#bde0fe', '#fefae0']) + VIGNETTE_DEF,
      `<rect width="${W}" height="${H}" fill="url(#sky)"/>` +
        // houses climbing the hill in steps
        (() => {
          const r = rng(23);
          let h = '';
          for (let row = 0; row < 5; row++) {
            for (let i = 0; i < 9; i++) {
              const x = i * 140 - 40 + row * 20 + r() * 30;
              const y = 140 + row * 90 + (i * 12) % 40;
              const c = ['#f1e3c8', '#e9d5b0', '#dcc7a1', '#f6ebd9'][(i + row) % 4];
              h += `<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="120" height="110" fill="${c}"/><rect x="${(x + 20).toFixed(0)}" y="${(y + 30).toFixed(0)}" width="20" height="28" fill="#5a6b7b"/><rect x="${(x + 70).toFixed(0)}" y="${(y + 30).toFixed(0)}" width="20" height="28" fill="#5a6b7b"/>`;
              if (r() < 0.4) h += `<rect x="${(x + 80).toFixed(0)}" y="${(y - 14).toFixed(0)}" width="24" height="14" fill="#9aa5b1"/>`;
            }
          }
          return h;
        })() +
        // the stepped street and the bike
        `<path d="M0 800 L0 640 L240 640 L240 610 L480 610 L480 580 L1200 580 V800Z" fill="#b8a78d"/>` +
        `<circle cx="520" cy="720" r="52" stroke="#222" stroke-width="10" fill="none"/><circle cx="800" cy="720" r="52" stroke="#222" stroke-width="10" fill="none"/>` +
        `<rect x="470" y="580" width="150" height="100" fill="#2a9d8f"/><path d="M520 720 L560 680 H700 L800 720 M700 680 L740 600 M720 600 H770" stroke="#222" stroke-width="9" fill="none"/>` +
        `<path d="M555 612 l-12 26 h14 l-8 24 24 -32 h-14 l10 -18Z" fill="#fff"/>` +
        person(740, 650, 1.2, '#264653', 8) +
        vignette,
    ),
};

/** Which demo stories have a photograph (by article id; translations share one). */
const BY_ARTICLE: Record<number, string> = {
  101: 'desalination', 201: 'desalination',
  102: 'palms', 202: 'palms',
  103: 'cinema', 203: 'cinema',
  104: 'olives', 204: 'olives',
  105: 'dialects', 205: 'dialects',
  106: 'coral', 206: 'coral',
  107: 'manuscripts', 207: 'manuscripts',
  108: 'nightrun', 211: 'nightrun',
  109: 'market',
  110: 'football', 212: 'football',
  111: 'poetry',
  113: 'basketball',
  114: 'coffee',
  115: 'hotnight', 210: 'hotnight',
  116: 'stargazing',
  208: 'cargobikes',
};

const TEXT: Record<string, Pick<DemoPicture, 'alt' | 'caption'>> = {
  desalination: {
    alt: { ar: 'صفوف من الألواح الشمسية أمام مبنى محطة تحلية وخزانات على شاطئ البحر', en: 'Rows of solar panels in front of a desalination hall and tanks on the seashore' },
    caption: { ar: 'حقل الألواح الشمسية شرق المحطة يمدها بالكهرباء طوال النهار.', en: 'The solar field east of the plant powers it through the day.' },
  },
  palms: {
    alt: { ar: 'نخيل عند الغروب وقناة ري وحساس رطوبة على عمود يبث إشارة', en: 'Palm trees at sunset, an irrigation channel and a moisture sensor on a pole sending a signal' },
    caption: { ar: 'حساس رطوبة بين صفوف النخيل في إحدى مزارع الواحة.', en: 'A moisture sensor between rows of palms on one of the oasis farms.' },
  },
  cinema: {
    alt: { ar: 'واجهة سينما قديمة مضاءة عند الغسق بلافتة مصابيح ونوافذ مقوسة', en: 'An old cinema facade lit at dusk, with a bulb-lined marquee and arched windows' },
    caption: { ar: 'واجهة السينما بعد ترميمها، في ليلة الافتتاح.', en: 'The restored facade on opening night.' },
  },
  olives: {
    alt: { ar: 'أشجار زيتون على مدرجات حجرية وصندوق فيه زجاجات زيت', en: 'Olive trees on stone terraces and a crate of oil bottles' },
    caption: { ar: 'مدرجات الزيتون في التلال المحيطة بالقرية.', en: 'Olive terraces in the hills around the village.' },
  },
  dialects: {
    alt: { ar: 'ميكروفون أمام موجات صوتية وفقاعتا حوار', en: 'A microphone in front of sound waves and two speech bubbles' },
    caption: { ar: 'يجمع المشروع تسجيلات متطوعين من لهجات مختلفة.', en: 'The project collects volunteers’ recordings in many dialects.' },
  },
  coral: {
    alt: { ar: 'شعاب مرجانية ملونة وأسماك، وبينها فرع مرجاني ابيضّ', en: 'Colourful corals and fish, with one bleached white branch among them' },
    caption: { ar: 'فرع مرجاني ابيضّ بعد موجة حر، بين شعاب بقيت سليمة.', en: 'A branch bleached by a heatwave among reefs that stayed healthy.' },
  },
  manuscripts: {
    alt: { ar: 'مخطوط مفتوح على طاولة خشبية وهاتف يصوّره تحت ضوء مصباح', en: 'An open manuscript on a wooden table, photographed with a phone under a lamp' },
    caption: { ar: 'تصوير صفحات مخطوط عائلي قبل أرشفته.', en: 'Photographing a family manuscript before it is archived.' },
  },
  nightrun: {
    alt: { ar: 'عداؤون على كورنيش بحري ليلًا تحت مصابيح الشارع', en: 'Runners on a seaside corniche at night under street lamps' },
    caption: { ar: 'العداؤون على الكورنيش في أول سباق ليلي.', en: 'Runners on the corniche during the first night race.' },
  },
  market: {
    alt: { ar: 'بسطة خضار تحت مظلة مخططة وهاتف يعرض رمز دفع', en: 'A vegetable stall under a striped awning, with a phone showing a payment code' },
    caption: { ar: 'رمز الدفع على بسطة خضار في السوق الشعبي.', en: 'A payment code on a vegetable stall in the market.' },
  },
  football: {
    alt: { ar: 'لاعبات كرة قدم على ملعب أخضر أمام مرمى وجمهور', en: 'Women footballers on a green pitch in front of a goal and a crowd' },
    caption: { ar: 'حصة تدريبية في الأكاديمية.', en: 'A training session at the academy.' },
  },
  poetry: {
    alt: { ar: 'شاعر أمام ميكروفون تحت فوانيس معلقة وجمهور في مقهى', en: 'A poet at a microphone under hanging lanterns, an audience in a café' },
    caption: { ar: 'أمسية شعرية أسبوعية في المقهى.', en: 'A weekly poetry evening at the café.' },
  },
  basketball: {
    alt: { ar: 'لاعبون على كراسٍ متحركة تحت سلة في صالة رياضية', en: 'Wheelchair basketball players under a hoop in a sports hall' },
    caption: { ar: 'الفريق في حصة تدريبية قبل النهائي.', en: 'The team training before the final.' },
  },
  coffee: {
    alt: { ar: 'محمصة قهوة وكيس بن وحبوب قهوة وفنجانان على طاولة', en: 'A coffee roaster, a sack and beans, and two cups on a counter' },
    caption: { ar: 'محمصة صغيرة في مقهى بوسط المدينة.', en: 'A small roaster in a downtown café.' },
  },
  hotnight: {
    alt: { ar: 'مدينة ليلًا تحت سماء دافئة وميزان حرارة مرتفع', en: 'A city at night under a warm sky, with a high thermometer' },
    caption: { ar: 'الليالي الحارة لا تمنح الجسم فرصة ليبرد.', en: 'Hot nights give the body no chance to cool down.' },
  },
  stargazing: {
    alt: { ar: 'سماء مرصعة بالنجوم وشهب فوق صخور الصحراء وهواة فلك بمنظار', en: 'A starry sky with meteors over desert rocks, stargazers with a telescope' },
    caption: { ar: 'هواة الفلك يرصدون الشهب في الوادي.', en: 'Stargazers watch the meteors in the valley.' },
  },
  cargobikes: {
    alt: { ar: 'دراجة شحن كهربائية في شارع مدرج بين بيوت المدينة القديمة', en: 'An electric cargo bike on a stepped street among old-town houses' },
    caption: { ar: 'دراجة شحن في أحد شوارع المدينة القديمة.', en: 'A cargo bike on one of the old town’s streets.' },
  },
};

export const demoPictures: DemoPicture[] = Object.keys(scenes).map((key) => ({ key, ...TEXT[key]!, svg: scenes[key]! }));

/** The picture of a demo article, if it has one. */
export function pictureOf(articleId: number): string | undefined {
  return BY_ARTICLE[articleId];
}
