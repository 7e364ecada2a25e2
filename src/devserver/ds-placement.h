/* ds-placement.h — one "signatureProperties" entry of sign/pdf and
 * seal/pdf as the options of the core signer.
 *
 * The manual v2 (drawing on p. 21): originX/originY are the top-left
 * corner of the box, from the top-left corner of the page as displayed
 * (CropBox, /Rotate applied), y downwards; width/height its size; all in
 * points — exactly BsSignOptions.rect. tag_koordinat instead puts the
 * box's top-left corner on the first occurrence of that text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-sign.h"

#include <json-c/json.h>

G_BEGIN_DECLS

typedef struct {
  BsSignOptions options;
  char         *image;      /* temporary specimen file, removed by clear */
  char         *reason, *location, *contact;
  char         *pdf_password;
} DsPlacement;

/* Fills @p from @props (may be NULL: invisible) for the PDF at @pdf;
 * a specimen image goes to a file in @tmp_dir. Runs on a worker thread
 * (no database). Fails with a message for the integrator (Indonesian). */
gboolean ds_placement_read  (DsPlacement *p, json_object *props, const char *pdf, const char *tmp_dir,
                             GError **error);
void     ds_placement_clear (DsPlacement *p);

/* A temporary private file in @dir holding @data (transfer full), or NULL. */
char    *ds_placement_write_temp (const char *dir, const guint8 *data, gsize len, const char *suffix);

G_END_DECLS
