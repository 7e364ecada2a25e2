/* bs-qr-code.h — a QR code (libqrencode) as a texture to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The QR code of @text, @scale pixels per module, with a quiet zone
 * (transfer full), or NULL when it cannot be encoded. */
GdkTexture *bs_qr_code_texture (const char *text, int scale);

G_END_DECLS
