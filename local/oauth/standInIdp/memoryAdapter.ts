// oidc-provider's storage for one stand-in provider: in memory, as a stand-in needs nothing to
// survive a restart (its sessions and codes live minutes). Giving one explicitly also keeps
// oidc-provider from warning about its own development adapter on every start.
interface Stored {
  payload: Record<string, unknown>;
  expiresAt: number;
}

/** An oidc-provider adapter class whose instances share one map per provider. */
export function memoryAdapter(): new (model: string) => object {
  const entries = new Map<string, Stored>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
      entries.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
      if (typeof payload.uid === 'string')
        entries.set(`${this.model}:uid:${payload.uid}`, { payload, expiresAt: Date.now() + expiresIn * 1000 });
    }

    async find(id: string) {
      return live(this.key(id));
    }

    async findByUid(uid: string) {
      return live(`${this.model}:uid:${uid}`);
    }

    async findByUserCode(_userCode: string) {
      return undefined;
    }

    async consume(id: string) {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string) {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(key);
    }
  };
}
