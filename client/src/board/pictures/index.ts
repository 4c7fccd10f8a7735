export { loadPictures, setImageSource, sizeForZoom } from './imageCache.js';
export { PictureButton, PictureImg } from './PictureImg.js';
export { PictureInput } from './PictureInput.js';
export { PictureFallback, PictureNode } from './PictureNode.js';
export { NO_PICTURES_MESSAGE, usePictureUpload } from './uploads.js';
export { bundlePictures } from './bundle.js';
export type { ImageSource } from './imageApi.js';
