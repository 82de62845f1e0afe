import type { Metadata, Viewport } from 'next';
import './globals.css';
import './inspector.css';

export const metadata: Metadata = {
  title: 'Branchpoint: scenario-planning decision trees',
  description: 'Walk a hard strategic choice branch by branch: options, assumptions, risks, indicators and evidence.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
