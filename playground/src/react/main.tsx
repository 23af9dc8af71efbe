import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { allowCaptchalaScripts } from '../allowCaptchalaScripts';
import { ActionSignUp } from './ActionSignUp';
import { HookFormSignUp } from './HookFormSignUp';
import { StatusPanel } from './StatusPanel';

allowCaptchalaScripts();

createRoot(document.querySelector('#app')!).render(
  <StrictMode>
    <div className="grid">
      <HookFormSignUp />
      <ActionSignUp />
      <StatusPanel />
    </div>
  </StrictMode>,
);
