import './setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, language, text } from '../src/texts.js';

test('Japanese and English have the same texts with the same placeholders', () => {
  assert.deepEqual(keys('en').sort(), keys('ja').sort());
  for (const key of keys('ja')) {
    const holes = (lang) => (text(lang, key, '§0', '§1', '§2').match(/§\d/g) || []).sort().join();
    assert.equal(holes('en'), holes('ja'), key);
  }
});

test('the phone\'s language picks English only when it prefers English', () => {
  assert.equal(language('en-US'), 'en');
  assert.equal(language('ja-JP'), 'ja');
  assert.equal(language('fr'), 'ja');
  assert.equal(language(undefined), 'ja');
});
