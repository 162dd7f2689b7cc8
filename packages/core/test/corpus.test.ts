import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../src/rgd/validateFiles.js';
import { CORPUS_DIR, corpusCrds, corpusFiles } from './corpusPath.js';

/**
 * Examples that kro v0.9.3 itself rejects, with the reason checked against kro's rules. Our verdict must match
 * kro's, so these must keep failing, on exactly these codes.
 */
const KRO_REJECTS: Record<string, { codes: string[]; reason: string }> = {
  'aws/ack-controller/controllers/ec2-controller.yaml': { codes: ['cel/no-overload', 'simpleschema/marker-syntax'], reason: 'default=IRSA role for … has unquoted spaces (kro\'s marker tokenizer ends the value at the first space); and a bool concatenated into a string template' },
  'aws/ack-controller/controllers/ecr-controller.yaml': { codes: ['cel/no-overload', 'simpleschema/marker-syntax'], reason: 'unquoted spaces in a default marker; and "--flag=${schema.spec.values.log.enabled}" concatenates a bool into a string template' },
  'aws/ack-controller/controllers/ecr-public-controller.yaml': { codes: ['cel/no-overload', 'simpleschema/marker-syntax'], reason: 'unquoted spaces in a default marker; and "--flag=${schema.spec.values.log.enabled}" concatenates a bool into a string template' },
  'aws/ack-controller/controllers/eks-controller.yaml': { codes: ['cel/no-overload', 'simpleschema/marker-syntax'], reason: 'unquoted spaces in a default marker; and "--flag=${schema.spec.values.log.enabled}" concatenates a bool into a string template' },
  'aws/ack-controller/controllers/s3-controller.yaml': { codes: ['cel/no-overload', 'simpleschema/marker-syntax'], reason: 'unquoted spaces in a default marker; and "--flag=${schema.spec.values.log.enabled}" concatenates a bool into a string template' },
  'aws/ack-controller/controllers/sqs-controller.yaml': { codes: ['cel/no-overload', 'simpleschema/marker-syntax'], reason: 'unquoted spaces in a default marker; and "--flag=${schema.spec.values.log.enabled}" concatenates a bool into a string template' },
  'aws/ack-controller/resourcegroup.yaml': { codes: ['simpleschema/marker-syntax'], reason: 'unquoted spaces in a default marker' },
  'aws/ack-controller/controllers/iam-controller.yaml': { codes: ['cel/no-overload'], reason: '"--enable-development-logging=${schema.spec.values.log.enabled}": a string template needs string fragments; cel-go finds no _+_ for (string, bool)' },
  'aws/ingress-triangle/application.yaml': { codes: ['cel/no-overload'], reason: 'readyWhen compares the string status field loadBalancerARN with null; cel-go has no _!=_ for (string, null_type)' },
  'aws/llm/llm.yaml': { codes: ['cel/type-mismatch'], reason: 'a bool expression fills nodeSelector, a map of strings' },
  'aws/ack-eks-cluster/eks-reused.yaml': { codes: ['cel/unknown-identifier'], reason: '${spc.version}: `spc` is neither a resource id nor schema (typo of schema.spec)' },
  'gcp/gemma-on-tpu/rgd.yaml': { codes: ['rgd/missing-field', 'rgd/unknown-field'], reason: 'the externalRef\'s name and namespace are indented beside metadata instead of under it' },
  'apigateway/vpc-lattice/rg-webservice.yaml': { codes: ['template/unknown-field'], reason: 'sets spec.gatewayClassName on a Lattice, whose RGD (same folder) declares no such field' },
};

const files = corpusFiles('kro-examples').map((path) => ({ path, text: readFileSync(path, 'utf8') }));

const crds = corpusCrds(files);
// Files of one example folder are validated together, as they would be applied together.
const byFolder = new Map<string, typeof files>();
for (const f of files) byFolder.set(dirname(f.path), [...(byFolder.get(dirname(f.path)) ?? []), f]);
const results = [...byFolder.values()].flatMap((group) => validateFiles(group, { crds }).files);

describe('kro examples corpus', () => {
  const rgdResults = results.filter((r) => r.result.rgds.length > 0);

  it('supplies the CRDs the corpus carries (ACK)', () => {
    expect(crds.length).toBeGreaterThan(5);
  });

  it('finds every RGD file of the corpus', () => {
    // 57 files mention an RGD; graph/rgd.yaml holds RGDs only as templates inside an experimental Graph (KREP-024).
    expect(rgdResults.length).toBe(56);
  });

  for (const { path, result } of rgdResults) {
    const name = relative(`${CORPUS_DIR}/kro-examples`, path);
    const rejected = KRO_REJECTS[name];
    it(`${name}: ${rejected ? `rejected as kro rejects it (${rejected.reason})` : 'valid, or missing only CRD schemas'}`, () => {
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (rejected) {
        // Missing CRDs of cloud providers may come on top; they are not what kro rejects these examples for.
        const codes = [...new Set(errors.map((d) => d.code))].filter((c) => c !== 'schema/unknown-kind').sort();
        expect(codes).toEqual(rejected.codes);
        return;
      }
      const other = errors.filter((d) => d.code !== 'schema/unknown-kind');
      expect(other.map((d) => `${d.code} ${d.path}: ${d.message}`)).toEqual([]);
      for (const d of errors) expect(d.message).toMatch(/^schema not found for kind "[A-Za-z0-9]+"/);
      if (/^(kubernetes|graph)\//.test(name)) expect(errors).toEqual([]);
    });
  }
});
