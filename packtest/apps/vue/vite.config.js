import { captchalaFake } from '@captchala-kit/testing/vite';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { backend } from './backend.js';

export default defineConfig({ plugins: [vue(), captchalaFake(), backend()], preview: { host: '127.0.0.1' } });
