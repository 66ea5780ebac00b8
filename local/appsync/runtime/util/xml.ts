// util.xml (docs/appsync-facts.md §1.5). The JSDoc example turns <id>1</id> into "id":1, which is the
// org.json XML.toJSONObject convention: repeated elements become lists, attributes become keys,
// text that reads as a number or boolean becomes one, and mixed text lands under "content".

class XmlSyntaxError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return ENTITIES[body] ?? whole;
  });
}

/** org.json's stringToValue: numbers, booleans and null are typed, anything else stays a string. */
function typedValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n) && (Number.isSafeInteger(n) || !Number.isInteger(n))) return n;
  }
  return text;
}

function addChild(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.hasOwn(target, key)) target[key] = value;
  else if (Array.isArray(target[key])) (target[key] as unknown[]).push(value);
  else target[key] = [target[key], value];
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  skipMisc(): void {
    for (;;) {
      const rest = this.src.slice(this.pos);
      const ws = /^\s+/.exec(rest);
      if (ws) {
        this.pos += ws[0].length;
        continue;
      }
      if (rest.startsWith('<?')) {
        this.pos = this.indexOrFail('?>') + 2;
        continue;
      }
      if (rest.startsWith('<!--')) {
        this.pos = this.indexOrFail('-->') + 3;
        continue;
      }
      if (rest.startsWith('<!DOCTYPE')) {
        this.pos = this.indexOrFail('>') + 1;
        continue;
      }
      return;
    }
  }

  indexOrFail(token: string): number {
    const i = this.src.indexOf(token, this.pos);
    if (i < 0) throw new XmlSyntaxError(`expected ${token}`);
    return i;
  }

  /** Parses the element at pos into `parent`. */
  element(parent: Record<string, unknown>): void {
    const open = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(
      this.src.slice(this.pos),
    );
    if (!open) throw new XmlSyntaxError(`bad tag at ${this.pos}`);
    this.pos += open[0].length;
    const [, name, attrText, selfClosing] = open;
    const obj: Record<string, unknown> = {};
    for (const a of attrText.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      addChild(obj, a[1], typedValue(decodeEntities(a[2] ?? a[3] ?? '')));
    }
    let text = '';
    if (!selfClosing) {
      for (;;) {
        const rest = this.src.slice(this.pos);
        if (rest.startsWith(`</`)) {
          const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(rest);
          if (!close || close[1] !== name) throw new XmlSyntaxError(`mismatched </${close?.[1]}> for <${name}>`);
          this.pos += close[0].length;
          break;
        }
        if (rest.startsWith('<![CDATA[')) {
          const end = this.indexOrFail(']]>');
          text += this.src.slice(this.pos + 9, end);
          this.pos = end + 3;
        } else if (rest.startsWith('<!--')) {
          this.pos = this.indexOrFail('-->') + 3;
        } else if (rest.startsWith('<')) {
          this.element(obj);
        } else if (rest.length === 0) {
          throw new XmlSyntaxError(`unclosed <${name}>`);
        } else {
          const end = this.src.indexOf('<', this.pos);
          const chunk = this.src.slice(this.pos, end < 0 ? undefined : end);
          text += decodeEntities(chunk);
          this.pos += chunk.length;
        }
      }
    }
    const trimmed = text.trim();
    if (Object.keys(obj).length === 0) {
      addChild(parent, name, trimmed === '' ? '' : typedValue(trimmed));
    } else {
      if (trimmed !== '') addChild(obj, 'content', typedValue(trimmed));
      addChild(parent, name, obj);
    }
  }
}

/** util.xml.toMap: the XML document as a map, or null when it is not well-formed. */
function xmlToMap(xml: unknown): Record<string, unknown> | null {
  const parser = new Parser(String(xml));
  const root: Record<string, unknown> = {};
  try {
    parser.skipMisc();
    while (parser.pos < String(xml).length) {
      parser.element(root);
      parser.skipMisc();
    }
  } catch (err) {
    if (err instanceof XmlSyntaxError) return null;
    throw err;
  }
  return root;
}

/** Creates util.xml; toJsonString(xml, true) string-encodes the JSON a second time. */
export function createXmlUtils(): Record<string, unknown> {
  return {
    toMap: (xml: unknown) => xmlToMap(xml),
    toJsonString: (xml: unknown, stringEncode?: boolean): string => {
      const json = JSON.stringify(xmlToMap(xml));
      return stringEncode ? JSON.stringify(json) : json;
    },
  };
}
