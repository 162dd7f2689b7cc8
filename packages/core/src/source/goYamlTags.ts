import type { ScalarTag, Tags } from 'yaml';

const FLOAT = 'tag:yaml.org,2002:float';
const INT = 'tag:yaml.org,2002:int';

/**
 * The `yaml` package's YAML 1.1 schema, adjusted to resolve plain scalars as go-yaml v2 does (kubectl and kro read
 * YAML through it, via sigs.k8s.io/yaml): a float needs a digit before its exponent or after its point (`e5`, `E3`
 * and `.` stay strings — go-yaml's `yamlStyleFloat`), there are no base-60 numbers (`22:22` stays a string), and
 * Go's `0o17` octal prefix is an integer (strconv.ParseInt with base 0).
 */
export function goYamlTags(tags: Tags): Tags {
  const out: Tags = [];
  for (const tag of tags) {
    if (typeof tag !== 'object' || !('test' in tag)) {
      out.push(tag);
      continue;
    }
    const t = tag as ScalarTag;
    if (t.format === 'TIME') continue;
    if (t.tag === FLOAT && t.format === 'EXP') out.push({ ...t, test: /^[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)[eE][-+]?[0-9][0-9_]*$/ });
    else if (t.tag === FLOAT && t.format === undefined && !t.test?.source.includes('inf')) out.push({ ...t, test: /^[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*\.[0-9_]*)$/ });
    else out.push(t);
  }
  out.push(GO_OCTAL);
  return out;
}

const GO_OCTAL: ScalarTag = {
  identify: () => false,
  default: true,
  tag: INT,
  format: 'OCT',
  test: /^[-+]?0o[0-7][0-7_]*$/,
  resolve: (str: string) => {
    const sign = str.startsWith('-') ? -1 : 1;
    return sign * parseInt(str.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8);
  },
};
