import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BuyerIdentity } from '../domain/order.js';
import { storedBuyer } from './buyer-key.js';

/** The stored key as the HMAC's definition gives it: the first 32 hex digits of HMAC-SHA256(secret, `kind:value`). */
const reference = (b: BuyerIdentity, secret: string) => 'h:' + createHmac('sha256', secret).update(`${b.kind}:${b.value}`).digest('hex').slice(0, 32);

describe('storedBuyer', () => {
  it('keys personal data with HMAC-SHA256 of the secret: the same key under each secret, whatever came before', () => {
    const buyers: BuyerIdentity[] = [
      { kind: 'email', value: 'zhangsan@gmail.com' },
      { kind: 'phone', value: '+8613812345678' },
      { kind: 'name', value: '张三' },
      { kind: 'name', value: 'tb_明日🙂' },
      { kind: 'name', value: 'x'.repeat(300) },
      { kind: 'email', value: '' },
    ];
    // secrets taking turns (a campaign list keyed under another store's secret between two imports), one longer than a block
    const secrets = ['3f9a', 'a'.repeat(64), '3f9a', 'b'.repeat(100), 'a'.repeat(64)];
    for (const secret of secrets) {
      for (const b of buyers) expect(storedBuyer(b, secret, false).key, `${secret.length} ${b.value.slice(0, 8)}`).toBe(reference(b, secret));
    }
  });

  it('keeps opaque ids as given, masks the display, keeps the clear value only when asked', () => {
    expect(storedBuyer({ kind: 'id', value: 'C00469933' }, 's', false)).toEqual({ key: 'C00469933', display: 'C00469933', clear: null });
    const email = { kind: 'email', value: 'zhangsan@gmail.com' } as const;
    expect(storedBuyer(email, 's', false)).toMatchObject({ display: 'zh***@gmail.com', clear: null });
    expect(storedBuyer(email, 's', true).clear).toBe('zhangsan@gmail.com');
  });
});
