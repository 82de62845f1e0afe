/**
 * Renders the analyst's Markdown as React elements from the AST built by
 * `lib/markdown` (never as HTML). Links are only the safe ones the parser
 * let through (http, https, mailto) and open in a new tab without an opener.
 * The AST depth is capped by the parser, so the recursion here is bounded.
 * No hooks: usable from server and client components alike.
 */
import type { ReactNode } from 'react';
import { parseMarkdown, safeHref, type MdBlock, type MdInline } from '@/lib/markdown';
import './Markdown.css';

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
const HEADINGS: readonly HeadingTag[] = ['h2', 'h3', 'h4', 'h5', 'h6'];

function renderInlines(nodes: readonly MdInline[]): ReactNode[] {
  return nodes.map((n, k) => {
    switch (n.type) {
      case 'text':
        return n.value;
      case 'break':
        return <br key={k} />;
      case 'code':
        return <code key={k}>{n.value}</code>;
      case 'strong':
        return <strong key={k}>{renderInlines(n.children)}</strong>;
      case 'em':
        return <em key={k}>{renderInlines(n.children)}</em>;
      case 'link': {
        // Checked again here so a hand-built AST cannot smuggle a bad scheme through.
        const href = safeHref(n.href);
        if (!href) return <span key={k}>{renderInlines(n.children)}</span>;
        return (
          <a key={k} href={href} rel="noopener noreferrer nofollow" target="_blank">
            {renderInlines(n.children)}
          </a>
        );
      }
    }
  });
}

function renderBlocks(blocks: readonly MdBlock[], headingBase: number, tight = false): ReactNode[] {
  return blocks.map((b, k) => {
    switch (b.type) {
      case 'paragraph':
        return tight ? <span key={k} className="md-line">{renderInlines(b.children)}</span> : <p key={k}>{renderInlines(b.children)}</p>;
      case 'heading': {
        // Each Markdown level one deeper than the last; past h6 the outline level is kept with aria-level.
        const level = Math.max(headingBase, 2) + b.level - 1;
        const Tag = HEADINGS[Math.min(level, 6) - 2]!;
        return (
          <Tag key={k} aria-level={level > 6 ? level : undefined}>
            {renderInlines(b.children)}
          </Tag>
        );
      }
      case 'code':
        return (
          <pre key={k} tabIndex={0}>
            <code data-lang={b.lang || undefined}>{b.value}</code>
          </pre>
        );
      case 'blockquote':
        return <blockquote key={k}>{renderBlocks(b.children, headingBase)}</blockquote>;
      case 'hr':
        return <hr key={k} />;
      case 'list': {
        const items = b.items.map((item, j) => <li key={j}>{renderBlocks(item, headingBase, b.tight)}</li>);
        return b.ordered ? (
          <ol key={k} start={b.start !== 1 ? b.start : undefined}>
            {items}
          </ol>
        ) : (
          <ul key={k}>{items}</ul>
        );
      }
    }
  });
}

export interface MarkdownProps {
  source: string;
  className?: string;
  /** The HTML heading level a "# heading" becomes (2 to 6); "##" is one deeper, and so on (past h6, aria-level). */
  headingLevel?: number;
  id?: string;
  'data-testid'?: string;
}

export function Markdown({ source, className, headingLevel = 4, id, 'data-testid': testId }: MarkdownProps) {
  const blocks = parseMarkdown(source);
  return (
    <div className={className ? `md ${className}` : 'md'} id={id} data-testid={testId}>
      {renderBlocks(blocks, headingLevel)}
    </div>
  );
}
