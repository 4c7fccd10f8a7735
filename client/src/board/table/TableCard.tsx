import { memo, useContext } from 'react';
import { TrendsContext } from '../metrics/trendsContext.js';
import type { Card } from '../../../../shared/model/schema.js';
import { channelIcon, faceFor, RATING_COLOR } from '../core/visuals.js';
import { cardLabel, emotionText, metricBadges, staleAge } from './cardText.js';
import { CARD_TEXT_LIMIT } from '../core/textLimit.js';
import { InlineEditor } from './InlineEditor.js';
import { useCardPersonaName } from '../personas/personaNames.js';
import { plural } from '../../../../shared/model/plural.js';
import { PictureImg } from '../pictures/index.js';
import { LinkChip } from '../links/LinkField.js';
import { useOpenBoardLinks } from '../links/linkStore.js';
import { sharedMark } from '../links/sharedView.js';

export interface TableCardProps {
  card: Card;
  row: number;
  col: number;
  index: number;
  of: number;
  /** The roving tab stop of the grid is this card. */
  tabStop: boolean;
  selected: boolean;
  editing: boolean;
  /** The lane shows emotions: the score leads. */
  emotionLane: boolean;
  meanVolume: number;
  now: number;
  staleAfterDays: number;
  onEdit(cardId: string): void;
  onCommitText(cardId: string, text: string, byKey: boolean): void;
  onCancelEdit(cardId: string): void;
}

/** One card in a table cell: a focusable item with its text and every field it carries. */
export const TableCard = memo(function TableCard(props: TableCardProps) {
  const { card, emotionLane, meanVolume } = props;
  const staleDays = staleAge(card, props.now, props.staleAfterDays);
  const { byCard, cesMethod } = useContext(TrendsContext);
  const trends = byCard.get(card.id);
  const badges = metricBadges(card, meanVolume, trends, cesMethod);
  const persona = useCardPersonaName(card);
  const shared = sharedMark(card, useOpenBoardLinks());
  const label = cardLabel({
    shared: shared?.long,
    card,
    meanVolume,
    staleDays,
    index: props.index,
    of: props.of,
    persona: persona?.label,
    trends,
    cesMethod,
  });
  const emotion = card.emotion !== undefined && (
    <span className="table-chip table-emotion" data-score={Math.round(card.emotion)}>
      <span aria-hidden="true">{faceFor(card.emotion)}</span> {emotionText(card.emotion)}
    </span>
  );
  return (
    <li
      className={`table-card${props.selected ? ' is-selected' : ''}${emotionLane ? ' is-emotion' : ''}`}
      style={card.color ? { borderLeftColor: card.color } : undefined}
      tabIndex={props.tabStop ? 0 : -1}
      data-pos={`${props.row}:${props.col}:${props.index}`}
      data-card-id={card.id}
      data-testid="table-card"
      aria-label={props.editing ? undefined : label}
      onDoubleClick={() => props.onEdit(card.id)}
    >
      {emotionLane && emotion}
      {card.image && (
        <PictureImg
          imageId={card.image}
          alt={card.text.trim() || 'Card picture'}
          className="picture-thumb table-picture"
        />
      )}
      {props.editing ? (
        <InlineEditor
          initial={card.text}
          label="Card text"
          multiline
          limit={CARD_TEXT_LIMIT}
          onCommit={(text, byKey) => props.onCommitText(card.id, text, byKey)}
          onCancel={() => props.onCancelEdit(card.id)}
        />
      ) : (
        <p className={`table-card-text${card.text.trim() ? '' : ' is-untitled'}`}>
          {card.text.trim() ? card.text : 'Untitled card'}
        </p>
      )}
      <div className="table-card-meta">
        {shared && (
          <span
            className="table-chip table-shared"
            data-testid="table-shared-mark"
            data-kind={shared.kind}
            title={shared.long}
          >
            <span aria-hidden="true">⇄</span> {shared.short}
          </span>
        )}
        {card.link && (
          // Enter on the chip opens the map; the grid's own keys stay on the card.
          <span onKeyDown={(e) => e.stopPropagation()}>
            <LinkChip target={card.link} testId="table-link-chip" tabStop={props.tabStop} />
          </span>
        )}
        {!emotionLane && emotion}
        {persona && (
          <span className="table-chip" data-testid="table-card-persona">
            <span className="table-dot" style={{ background: persona.color }} aria-hidden="true" />
            {persona.label}
          </span>
        )}
        {card.channel && (
          <span className="table-chip">
            <span aria-hidden="true">{channelIcon(card.channel)}</span> {card.channel}
          </span>
        )}
        {card.team && (
          <span className="table-chip" data-testid="table-card-team">
            <span aria-hidden="true">👥</span> {card.team}
          </span>
        )}
        {(card.expected !== undefined || card.expectation) && (
          <span
            className="table-chip"
            data-testid="table-card-expected"
            title={card.expectation ? `Expected: ${card.expectation}` : undefined}
          >
            Expected
            {card.expected !== undefined && ` ${card.expected > 0 ? '+' : ''}${card.expected}`}
            {card.expectation && ` · ${card.expectation}`}
          </span>
        )}
        {badges.map((b) => (
          <span key={b.key} className="table-chip table-metric" title={`${b.label}: ${b.rating}`}>
            <span
              className="table-dot"
              style={{ background: RATING_COLOR[b.rating] }}
              aria-hidden="true"
            />
            {b.label} {b.value}
            {b.delta && <span className="table-delta"> {b.delta}</span>}
            {b.alert && (
              <span className="table-alert" data-testid="table-metric-alert" title={b.alert}>
                !
              </span>
            )}
          </span>
        ))}
        {card.tags.map((tag) => (
          <span key={tag} className="table-chip table-tag">
            #{tag}
          </span>
        ))}
        {card.evidence.length > 0 && (
          <span className="table-chip" title="Evidence items">
            <span aria-hidden="true">❝</span> {card.evidence.length} evidence
          </span>
        )}
        {staleDays !== null && (
          <span
            className="table-chip table-stale"
            title={`Newest evidence is ${plural(staleDays, 'day')} old`}
            data-testid="table-stale"
          >
            Stale · {staleDays} d
          </span>
        )}
      </div>
    </li>
  );
});
