import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';

/**
 * Parses a manifest's XML with fast-xml-parser after validating it: the parser alone accepts unclosed tags,
 * and a truncated file must be reported, not read as an empty build. Values stay strings (2.40 is not 2.4).
 */
export function parseXml(xml: string, options: Partial<X2jOptions>): Record<string, unknown> {
  const v = XMLValidator.validate(xml);
  if (v !== true) throw new Error(`not well-formed XML (line ${v.err.line}: ${v.err.msg})`);
  return new XMLParser({ parseTagValue: false, parseAttributeValue: false, ...options }).parse(xml) as Record<string, unknown>;
}
