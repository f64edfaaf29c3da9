import { describe, expect, it } from 'vitest';
import { shopsOf } from './shop-count.js';

describe('shopsOf', () => {
  const ref = (platform: string, shop: string) => ({ key: 'k', display: 'd', platform, shop, clear: null });
  const log = { customers: [ref('generic', 'a'), ref('generic', 'a'), ref('shopify', 'a'), ref('generic', 'b'), ref('generic', 'a'), ref('shopify', 'a')] };

  it('counts platform and shop pairs, in any order', () => {
    expect(shopsOf(log)).toBe(3);
    expect(shopsOf(log, [0, 1, 4])).toBe(1);
    expect(shopsOf(log, [4, 2, 0, 5])).toBe(2);
    expect(shopsOf(log, [])).toBe(0);
    // a shop name on two platforms is two shops; a platform name that is another's shop name is no shop of it
    expect(shopsOf({ customers: [ref('x', 'y'), ref('y', 'x')] })).toBe(2);
  });
});
