import { render } from 'preact';
import { App } from './app/app.js';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
// The e2e tests read this mark to measure first load (navigation start → app on screen).
performance.mark('brigade:rendered');
