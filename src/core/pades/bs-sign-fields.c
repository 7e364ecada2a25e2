/* bs-sign-fields.c — see bs-sign-fields.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-sign-fields.h"
#include "bs-pdf-empty-fields.h"

void
bs_sign_field_free (BsSignField *field)
{
  if (field == NULL)
    return;
  g_free (field->name);
  g_free (field);
}

static BsSignField *
as_displayed (BsPdfDocument *doc, const BsPdfEmptyField *f)
{
  BsSignField *out = g_new0 (BsSignField, 1);
  BsPdfPage page;

  out->name = g_strdup (f->name);
  if (f->page_index >= 0 && f->rect.x1 > f->rect.x0
      && bs_pdf_document_get_page (doc, f->page_index, &page, NULL))
    {
      out->page = f->page_index + 1;
      bs_pdf_page_user_to_display (&page, &f->rect, &out->rect);
    }
  return out;
}

GPtrArray *
bs_sign_empty_fields (const char *path, GError **error)
{
  g_autoptr(BsPdfDocument) doc = bs_pdf_document_open (path, error);
  g_autoptr(GPtrArray) fields = NULL;
  GPtrArray *out;

  if (doc == NULL)
    return NULL;
  fields = bs_pdf_document_empty_signature_fields (doc);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_sign_field_free);
  for (guint i = 0; i < fields->len; i++)
    g_ptr_array_add (out, as_displayed (doc, g_ptr_array_index (fields, i)));
  return out;
}
