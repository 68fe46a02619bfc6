import { useState } from 'react';

/** The app's first screen. */
export function App() {
  const [count, setCount] = useState(0);
  return (
    <main>
      <h1>${{ values.name }}</h1>
      <p>{${{ values.description | dump }}}</p>
      <button onClick={() => setCount(c => c + 1)}>Clicked {count} times</button>
    </main>
  );
}
