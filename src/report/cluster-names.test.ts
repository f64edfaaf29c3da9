import { describe, expect, it } from 'vitest';
import { clusterName } from './cluster-names.js';

describe('k-means cluster names', () => {
  it('names key, ordinary (numbered when more than one) and small customers in both languages', () => {
    const names = (lang: 'en' | 'zh', k: number) => Array.from({ length: k }, (_, i) => clusterName(lang, { cluster: i + 1, label: i === 0 ? 'key' : i === k - 1 ? 'small' : 'ordinary' }, k));
    expect(names('en', 2)).toEqual(['Key customers', 'Small customers']);
    expect(names('en', 3)).toEqual(['Key customers', 'Ordinary customers', 'Small customers']);
    expect(names('en', 4)).toEqual(['Key customers', 'Ordinary customers 1', 'Ordinary customers 2', 'Small customers']);
    expect(names('zh', 4)).toEqual(['重要客户', '普通客户1', '普通客户2', '小客户']);
  });
});
