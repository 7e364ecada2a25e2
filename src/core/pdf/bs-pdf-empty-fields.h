/* bs-pdf-empty-fields.h — signature fields a document already has but
 * that nobody signed yet (forms prepared with a place to sign).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-document.h"

G_BEGIN_DECLS

typedef struct {
  char     *name;                    /* fully qualified field name */
  guint     field_num, field_gen;    /* the field dictionary: gets /V */
  guint     widget_num, widget_gen;  /* its widget: gets /AP (may be the field) */
  int       page_index;              /* from 0; -1 when on no page */
  BsPdfBox  rect;                    /* the widget's /Rect in user space */
} BsPdfEmptyField;

/* Every unsigned /FT /Sig field with an indirect widget (transfer full,
 * BsPdfEmptyField). */
GPtrArray *bs_pdf_document_empty_signature_fields (BsPdfDocument *doc);
void       bs_pdf_empty_field_free (BsPdfEmptyField *field);

/* The objects to rewrite so that @field takes signature dictionary
 * @sig_num as its value and form @form_num as its appearance, and the
 * AcroForm says signatures exist (BsPdfObjectText, transfer full). */
GPtrArray *bs_pdf_document_plan_fill_field (BsPdfDocument *doc, const BsPdfEmptyField *field, guint sig_num,
                                            guint form_num, GError **error);

G_END_DECLS
