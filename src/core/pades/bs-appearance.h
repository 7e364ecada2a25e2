/* bs-appearance.h — what a visible signature draws.
 *
 * The form is laid out in the orientation the reader sees (the caller
 * rotates it with the form /Matrix): the specimen image on the left,
 * keeping its aspect ratio, and text lines (signer, date, reason) beside
 * it, in Helvetica, clipped to the box.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-image.h"

G_BEGIN_DECLS

typedef struct {
  double              width, height;  /* points */
  const BsImage      *image;          /* drawn as /Im1, or NULL */
  const char * const *lines;          /* UTF-8, NULL-terminated, or NULL */
} BsAppearance;

/* The form's content stream (transfer full). */
GBytes *bs_appearance_build_content (const BsAppearance *appearance);

/* The /Resources dictionary for that content; @image_ref is "N 0 R" of the
 * image XObject (ignored without an image) (transfer full). */
char   *bs_appearance_build_resources (const BsAppearance *appearance, const char *image_ref);

G_END_DECLS
