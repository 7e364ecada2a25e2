/* bs-image.h — a specimen image ready to be a PDF image XObject.
 *
 * PNG is decoded (libpng) into 8-bit RGB plus, when it has transparency, an
 * 8-bit soft mask, both Flate-compressed. JPEG is embedded unchanged as
 * /DCTDecode after libjpeg has read its header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint       width, height;
  const char *color_space;   /* "/DeviceRGB", "/DeviceGray" or "/DeviceCMYK" */
  const char *filter;        /* "/FlateDecode" or "/DCTDecode" */
  gboolean    adobe_cmyk;    /* inverted CMYK JPEG: needs /Decode */
  GBytes     *data;          /* the compressed samples */
  GBytes     *smask;         /* Flate-compressed 8-bit alpha, or NULL */
} BsImage;

BsImage *bs_image_load (const char *path, GError **error);
void     bs_image_free (BsImage *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsImage, bs_image_free)

G_END_DECLS
