import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { app } from './lib/app.svelte';
import { startTheme } from './lib/theme';

startTheme();

// No error may be silent: whatever escapes a handler is shown in the window (and the
// end-to-end tests fail on it).
window.addEventListener('unhandledrejection', (e) => app.fail(e.reason));
window.addEventListener('error', (e) => app.fail(e.error ?? e.message));

const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app element');
export default mount(App, { target });
