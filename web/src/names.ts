// Organisation names for ids that interests and deals carry: read once per
// page load and kept, since the directory changes rarely.
import { useEffect, useState } from 'preact/hooks';
import { api, enc, type LocalizedText, type Organization } from './api';

const known = new Map<string, Promise<LocalizedText | null>>();

function nameOf(id: string): Promise<LocalizedText | null> {
  let name = known.get(id);
  if (!name) {
    name = api.get<Organization>(`/api/organizations/${enc(id)}`).then(
      (o) => o.name,
      () => null,
    );
    known.set(id, name);
  }
  return name;
}

// The names of `ids` (undefined until read; null for an organisation that cannot be read).
export function useOrganizationNames(ids: string[]): Record<string, LocalizedText | null | undefined> {
  const [names, setNames] = useState<Record<string, LocalizedText | null>>({});
  const key = [...new Set(ids)].sort().join(' ');
  useEffect(() => {
    let current = true;
    const unique = key ? key.split(' ') : [];
    Promise.all(unique.map((id) => nameOf(id).then((name) => [id, name] as const))).then((pairs) => {
      if (current) setNames(Object.fromEntries(pairs));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return names;
}
