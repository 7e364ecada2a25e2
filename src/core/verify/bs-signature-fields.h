/* bs-signature-fields.h — every signature field of one view of a PDF.
 *
 * Fields are found through the AcroForm tree and, so that a file whose
 * AcroForm was dropped or replaced cannot hide a signature, through the
 * widget annotations of every page as well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-field-locks.h"
#include "bs-pdf-object.h"

G_BEGIN_DECLS

typedef struct {
  char     *field_name;     /* fully qualified, UTF-8 */
  guint     field_num;      /* the field (or merged field/widget) object */
  int       page;           /* page of its widget (from 0), or -1 */
  BsPdfBox  rect;           /* widget rectangle in user space */
  gboolean  hidden;         /* widget flagged Hidden/NoView */
  gboolean  has_value;      /* /V is a signature dictionary, not a placeholder */
  guint     sig_num;        /* object number of /V, 0 if direct */
  /* from the signature dictionary */
  char     *type;           /* "/Sig", "/DocTimeStamp", or NULL */
  char     *sub_filter;     /* "/ETSI.CAdES.detached", … or NULL */
  gboolean  byte_range_ok;  /* /ByteRange is an array of four integers */
  gint64    byte_range[4];
  GBytes   *contents;       /* /Contents string, or NULL */
  char     *signing_time;   /* /M as written, or NULL */
  char     *name, *reason, *location, *contact_info;
  int       docmdp;         /* /P of a DocMDP reference in this signature, 0 if none */
  BsFieldLocks *locks;      /* FieldMDP and the field's /Lock, or NULL */
} BsSigField;

/* Signature fields of @doc, each once (transfer full, GPtrArray of BsSigField). */
GPtrArray *bs_sig_fields_collect (BsPdfDocument *doc);
void       bs_sig_field_free     (BsSigField *field);

/* TRUE when @field (or the parent it inherits /FT from) is a signature field. */
gboolean   bs_sig_field_is_signature (BsPdfDocument *doc, BsPdfObj field);
/* The field's fully qualified name, its and its parents' /T joined by
 * dots (transfer full). */
char      *bs_sig_field_qualified_name (BsPdfDocument *doc, BsPdfObj field);

/* TRUE when @value (a signature field's /V) holds a signature: a
 * dictionary whose /Contents is not a placeholder of zeros, which is a
 * field prepared for a signature that is not there yet. */
gboolean   bs_sig_value_is_signature (BsPdfDocument *doc, BsPdfObj value);

G_END_DECLS
