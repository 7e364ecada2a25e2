/* bs-sign-plan.h — the objects a new signature adds to a PDF (internal).
 *
 * Signature dictionary with /ByteRange and a zero-filled /Contents
 * placeholder, the widget annotation (the field and its widget merged),
 * its appearance stream and specimen image, and the rewritten page and
 * AcroForm, all as one incremental update.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-document.h"
#include "bs-pdf-revisions.h"
#include "bs-sign.h"

G_BEGIN_DECLS

typedef struct {
  GByteArray *bytes;         /* the update; /ByteRange already final */
  guint64     base;          /* offset of bytes[0] in the signed file */
  gsize       contents_at;   /* offset in @bytes of the '<' of /Contents */
  gsize       contents_hex;  /* hex digits between '<' and '>' */
  guint       form_num;      /* object number of the widget's appearance (a form XObject) */
} BsSignPlan;

gboolean bs_sign_plan_build (BsPdfDocument *doc, guint64 file_size,
                             const BsPdfRevision *last, const BsSignOptions *options,
                             BsSigner *signer, gsize cms_capacity,
                             BsSignPlan *plan, GError **error);
void     bs_sign_plan_clear (BsSignPlan *plan);

/* A PDF text string: literal for ASCII, UTF-16BE with BOM otherwise
 * (ISO 32000-1 7.9.2.2) (transfer full). */
char    *bs_pdf_text_string (const char *utf8);

G_END_DECLS
