import sax from 'sax';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses a document with sax in strict mode (any well-formedness error throws) into a small tree. */
export function parseXml(text: string): XmlElement {
  const parser = sax.parser(true, { trim: false });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.write(text).close();
  const [document] = root.children;
  if (!document) throw new Error('no root element');
  return document;
}

export const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
