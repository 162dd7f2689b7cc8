import type { OpenApiSchema } from '@kro-designer/core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { InstanceForm, type InstanceFieldDiagnostic, type InstanceMetadata, type PlainObject } from './InstanceForm';

const schema: OpenApiSchema = {
  type: 'object',
  required: ['image'],
  properties: {
    image: { type: 'string', description: 'Container image' },
    replicas: { type: 'integer', default: 2, minimum: 1 },
    tier: { type: 'string', enum: ['web', 'batch'] },
    ingress: { type: 'object', properties: { enabled: { type: 'boolean', default: false } } },
    regions: { type: 'array', items: { type: 'string' } },
  },
};

function Harness({ diagnostics, seen }: { diagnostics?: InstanceFieldDiagnostic[]; seen: PlainObject[] }) {
  const [value, setValue] = useState<PlainObject>({ image: 'nginx' });
  const [metadata, setMetadata] = useState<InstanceMetadata>({ name: 'demo', namespace: 'default' });
  return (
    <InstanceForm
      specSchema={schema}
      value={value}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
      metadata={metadata}
      onMetadataChange={setMetadata}
      apiVersion="kro.run/v1alpha1"
      kind="WebApp"
      {...(diagnostics ? { diagnostics } : {})}
    />
  );
}

afterEach(cleanup);

describe('InstanceForm', () => {
  it('edits by type, shows defaults as placeholders, and keeps the YAML view in sync both ways', () => {
    const seen: PlainObject[] = [];
    render(<Harness seen={seen} />);
    expect(screen.getByTestId('instance-input-replicas').getAttribute('placeholder')).toBe('default: 2');
    expect(screen.getByTestId('instance-field-image').textContent).toContain('*');
    expect(screen.getByTestId('instance-field-image').textContent).toContain('Container image');
    fireEvent.change(screen.getByTestId('instance-input-replicas'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('instance-input-ingress.enabled'));
    fireEvent.change(screen.getByTestId('instance-input-tier'), { target: { value: 'batch' } });
    fireEvent.click(screen.getByTestId('instance-add-regions'));
    expect(seen.at(-1)).toEqual({ image: 'nginx', replicas: 3, ingress: { enabled: true }, tier: 'batch', regions: ['example'] });

    fireEvent.click(screen.getByTestId('instance-view-yaml'));
    const area = screen.getByTestId('instance-yaml') as HTMLTextAreaElement;
    expect(area.value).toContain('kind: WebApp\nmetadata:\n  name: demo\n  namespace: default\nspec:\n  image: nginx\n  replicas: 3\n');
    act(() => {
      fireEvent.change(area, { target: { value: area.value.replace('replicas: 3', 'replicas: 5').replace('name: demo', 'name: other') } });
    });
    expect(seen.at(-1)).toMatchObject({ replicas: 5 });
    fireEvent.change(area, { target: { value: 'spec: [' } });
    expect(screen.getByTestId('instance-yaml-error').textContent).toMatch(/Line \d+/);
    fireEvent.click(screen.getByTestId('instance-view-form'));
    expect((screen.getByTestId('instance-input-replicas') as HTMLInputElement).value).toBe('5');
    expect((screen.getByTestId('instance-meta-name') as HTMLInputElement).value).toBe('other');
  });

  it('puts a diagnostic on the field its path names', () => {
    render(<Harness seen={[]} diagnostics={[{ path: 'spec.tier', message: 'Unsupported value: "gold"', severity: 'error' }, { path: 'spec.nope', message: 'unknown field', severity: 'error' }]} />);
    expect(screen.getByTestId('instance-error-tier').textContent).toContain('Unsupported value');
    expect(screen.getByTestId('instance-input-tier').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('instance-other-errors').textContent).toContain('unknown field');
  });
});
