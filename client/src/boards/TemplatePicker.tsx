/** The four templates as a radio group of tiles; arrow keys move the choice like native radios. */

import { useRef, type KeyboardEvent } from 'react';
import { TEMPLATES, type TemplateId } from '../../../shared/model/templates.js';
import { MapThumb } from './MapThumb.js';

interface TemplatePickerProps {
  value: TemplateId;
  onChange(id: TemplateId): void;
  labelledBy: string;
  disabled?: boolean;
}

export function TemplatePicker({ value, onChange, labelledBy, disabled }: TemplatePickerProps) {
  const tiles = useRef(new Map<TemplateId, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const index = TEMPLATES.findIndex((t) => t.id === value);
    const next = TEMPLATES[(index + step + TEMPLATES.length) % TEMPLATES.length]!;
    onChange(next.id);
    tiles.current.get(next.id)?.focus();
  };

  return (
    <div
      className="home-template-picker"
      role="radiogroup"
      aria-labelledby={labelledBy}
      onKeyDown={onKeyDown}
    >
      {TEMPLATES.map((template) => {
        const checked = template.id === value;
        return (
          <button
            key={template.id}
            ref={(el) => {
              if (el) tiles.current.set(template.id, el);
              else tiles.current.delete(template.id);
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            disabled={disabled}
            className={`home-template-tile mt-${template.id}`}
            data-testid={`template-${template.id}`}
            onClick={() => onChange(template.id)}
            title={template.description}
          >
            <span className="home-template-tile-head">
              <span className="home-template-icon">
                <MapThumb mapType={template.id} />
              </span>
              <span className="home-template-name">{template.name}</span>
              <span className="home-template-check" aria-hidden="true" />
            </span>
            <span className="home-template-description">{template.description}</span>
          </button>
        );
      })}
    </div>
  );
}
