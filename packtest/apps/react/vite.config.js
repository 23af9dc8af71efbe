import { captchalaFake } from '@captchala-kit/testing/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { backend } from './backend.js';

export default defineConfig({
  plugins: [react(), captchalaFake(), backend()],
  preview: { host: '127.0.0.1' },
});
