/* bs-sign-fields.h — the empty signature fields a document offers, as a
 * person sees them (page, box as displayed), so that a window can propose
 * to sign into one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-geometry.h"

G_BEGIN_DECLS

typedef struct {
  char          *name;      /* for BsSignOptions.field_name */
  int            page;      /* 1-based; 0 when on no page */
  BsDisplayRect  rect;      /* as displayed; empty for an invisible field */
} BsSignField;

/* The empty signature fields of @path (transfer full, BsSignField). */
GPtrArray *bs_sign_empty_fields (const char *path, GError **error);
void       bs_sign_field_free (BsSignField *field);

G_END_DECLS
