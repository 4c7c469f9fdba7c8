// A test-only page for src/web/location.browser.test.ts: the LocationPicker alone, as the lodge form
// will hold it, with what it reports written out for the test to read. Built by the test with Vite
// into a temporary folder; never part of the app's build.
import { ready } from '../../src/web/i18n.ts';
import '../../src/web/styles.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LocationPicker, type PlacedLocation } from '../../src/web/citizen/LocationPicker.tsx';

function Harness() {
  const [placed, setPlaced] = useState<PlacedLocation[]>([]);
  return (
    <main id="main">
      <h1>Where is the problem?</h1>
      <LocationPicker onPlace={(p) => setPlaced((all) => [...all, p])} />
      <output data-testid="placed" hidden>
        {JSON.stringify(placed)}
      </output>
    </main>
  );
}

void ready.then(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <Harness />
    </StrictMode>,
  ),
);
