/**
 * Reads a .pptx back the way PowerPoint would find it: the zip, each slide's text paragraphs,
 * its speaker notes and the pictures it shows. Used by the deck's unit and browser tests.
 */
import JSZip from 'jszip';

export interface SlideRead {
  /** Paragraphs of every text box and table cell, runs joined, entities decoded. */
  paragraphs: string[];
  /** All of them joined by line breaks. */
  text: string;
  notes: string;
  /** Paths in the zip of the pictures the slide shows, each checked to be a real PNG. */
  images: string[];
  xml: string;
}

export interface DeckRead {
  slides: SlideRead[];
  files: string[];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()]!;
    const hex = entity[1] === 'x' || entity[1] === 'X';
    return String.fromCodePoint(parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

/** The text paragraphs of a slide's (or a notes page's) XML. */
export function paragraphsOf(xml: string): string[] {
  const paragraphs: string[] = [];
  for (const [, body] of xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)) {
    const runs = [...body!.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map(([, t]) => decodeXml(t!));
    if (runs.length > 0) paragraphs.push(runs.join(''));
  }
  return paragraphs;
}

function relationships(xml: string): { type: string; target: string }[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map(([tag]) => ({
    type: /Type="([^"]*)"/.exec(tag)![1]!,
    target: /Target="([^"]*)"/.exec(tag)![1]!,
  }));
}

const fromSlides = (target: string) => target.replace(/^\.\.\//, 'ppt/');

export async function readDeck(bytes: Uint8Array): Promise<DeckRead> {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.keys(zip.files);
  const count = files.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
  const slides: SlideRead[] = [];
  for (let n = 1; n <= count; n++) {
    const xml = await zip.file(`ppt/slides/slide${n}.xml`)!.async('string');
    const rels = relationships(
      (await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)?.async('string')) ?? '',
    );
    const notesRel = rels.find((r) => r.type.endsWith('/notesSlide'));
    const notesXml = notesRel
      ? ((await zip.file(fromSlides(notesRel.target))?.async('string')) ?? '')
      : '';
    const images: string[] = [];
    for (const rel of rels.filter((r) => r.type.endsWith('/image'))) {
      const path = fromSlides(rel.target);
      const data = await zip.file(path)?.async('uint8array');
      if (!data) throw new Error(`slide ${n} points at ${path}, which is not in the file`);
      if (!PNG_SIGNATURE.every((b, i) => data[i] === b)) throw new Error(`${path} is not a PNG`);
      images.push(path);
    }
    const paragraphs = paragraphsOf(xml);
    // The notes page repeats the slide number in a placeholder; its text body is what we wrote.
    const notes = paragraphsOf(notesXml).join('\n');
    slides.push({ paragraphs, text: paragraphs.join('\n'), notes, images, xml });
  }
  return { slides, files };
}
