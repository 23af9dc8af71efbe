import { captchalaFake } from '@captchala-kit/testing/vite';
import { defineConfig } from 'vite';
import { backend } from './backend.js';

export default defineConfig({ plugins: [captchalaFake(), backend()], preview: { host: '127.0.0.1' } });
