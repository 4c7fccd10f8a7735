/** A picture on the canvas (W231): the image fitted into a box, or a placeholder saying why not. */
import { createContext, useContext } from 'react';
import { Group, Image, Rect, Text } from 'react-konva';
import type { ImageSize } from '../../../../shared/model/images.js';
import { usePicture } from './imageCache.js';

interface PictureNodeProps {
  imageId: string | undefined;
  x: number;
  y: number;
  w: number;
  h: number;
  size: ImageSize;
  dark?: boolean;
  cornerRadius?: number;
}

/**
 * Whether a picture may stand in with its other size while the wanted one loads: yes on the
 * canvas; an export says no, so it shows exactly the full picture it waited for (W233).
 */
export const PictureFallback = createContext(true);

/** The largest box of the image's aspect ratio inside `w × h`, centred. */
export function containBox(imgW: number, imgH: number, w: number, h: number) {
  const scale = Math.min(w / imgW, h / imgH);
  const dw = imgW * scale;
  const dh = imgH * scale;
  return { x: (w - dw) / 2, y: (h - dh) / 2, w: dw, h: dh };
}

export function PictureNode({
  imageId,
  x,
  y,
  w,
  h,
  size,
  dark,
  cornerRadius = 4,
}: PictureNodeProps) {
  const state = usePicture(imageId, size, useContext(PictureFallback));
  if (w <= 0 || h <= 0) return null;
  if (state?.status === 'ready') {
    const fit = containBox(state.image.naturalWidth, state.image.naturalHeight, w, h);
    return (
      <Image
        name="picture"
        image={state.image}
        x={x + fit.x}
        y={y + fit.y}
        width={fit.w}
        height={fit.h}
        listening={false}
      />
    );
  }
  const failed = !imageId || state?.status === 'error';
  const [name, text] = !imageId
    ? ['picture-none', 'No picture yet']
    : failed
      ? ['picture-unavailable', 'Picture unavailable']
      : ['picture-loading', 'Loading picture…'];
  return (
    <Group x={x} y={y} listening={false} name={name}>
      <Rect
        width={w}
        height={h}
        fill={dark ? '#2a2f3b' : '#eef0f4'}
        stroke={dark ? '#454c5c' : '#d3d8e2'}
        dash={failed ? [5, 4] : []}
        cornerRadius={cornerRadius}
      />
      <Text
        width={w}
        height={h}
        align="center"
        verticalAlign="middle"
        text={text}
        fontSize={12}
        fill={dark ? '#a3abbd' : '#6b7385'}
      />
    </Group>
  );
}
