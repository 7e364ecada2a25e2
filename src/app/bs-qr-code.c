/* bs-qr-code.c — see bs-qr-code.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-qr-code.h"

#include <qrencode.h>
#include <string.h>

#define QUIET_ZONE 4

GdkTexture *
bs_qr_code_texture (const char *text, int scale)
{
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;
  int modules, side, stride;
  guint8 *pixels;

  if (qr == NULL)
    return NULL;
  modules = qr->width + 2 * QUIET_ZONE;
  side = modules * scale;
  stride = side * 3;
  pixels = g_malloc (stride * side);
  memset (pixels, 0xff, (size_t) stride * side);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      {
        /* Bit 0 of each byte: a dark module. */
        if (!(qr->data[y * qr->width + x] & 1))
          continue;
        for (int dy = 0; dy < scale; dy++)
          memset (pixels + ((y + QUIET_ZONE) * scale + dy) * stride + (x + QUIET_ZONE) * scale * 3, 0, (size_t) scale * 3);
      }
  QRcode_free (qr);
  bytes = g_bytes_new_take (pixels, (gsize) stride * side);
  texture = gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, bytes, stride);
  return texture;
}
