/** A picture in the page's HTML (details panel, table view), from the shared cache (W231). */
import type { ImageSize } from '../../../../shared/model/images.js';
import { usePicture } from './imageCache.js';
import './pictures.css';

export function PictureImg(props: {
  imageId: string;
  /** What the picture shows (a card's caption); read aloud as its alt text. */
  alt: string;
  size?: ImageSize;
  className?: string;
}) {
  const state = usePicture(props.imageId, props.size ?? 'thumb');
  if (state?.status === 'ready')
    return (
      <img
        className={props.className ?? 'picture-thumb'}
        src={state.url}
        alt={props.alt}
        data-image-id={props.imageId}
      />
    );
  return (
    <span className="picture-missing" role="img" aria-label={props.alt}>
      {state?.status === 'error' ? 'Picture unavailable' : 'Loading picture…'}
    </span>
  );
}

/** A hidden file picker for pictures, opened by its button (`label`). */
export function PictureButton(props: {
  label: string;
  testId: string;
  onFile(file: File): void;
  className?: string;
}) {
  return (
    <label className={props.className ?? 'btn'} data-testid={props.testId}>
      {props.label}
      <input
        type="file"
        accept="image/*"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) props.onFile(file);
        }}
      />
    </label>
  );
}
