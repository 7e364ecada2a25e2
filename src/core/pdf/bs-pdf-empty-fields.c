/* bs-pdf-empty-fields.c — see bs-pdf-empty-fields.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-pdf-empty-fields.h"
#include "bs-pdf-object.h"

/* Bounds for walking structures that come from the file. */
#define MAX_TREE_DEPTH 64
#define MAX_FIELDS 10000

void
bs_pdf_empty_field_free (BsPdfEmptyField *field)
{
  if (field == NULL)
    return;
  g_free (field->name);
  g_free (field);
}

/* The page of a widget: its /P, else the page whose /Annots lists it. */
static int
page_of (BsPdfDocument *doc, BsPdfObj widget, guint widget_num)
{
  int n = bs_pdf_document_get_n_pages (doc);
  BsPdfObj p = bs_pdf_obj_get (doc, widget, "/P");

  for (int i = 0; i < n; i++)
    {
      BsPdfObj page = bs_pdf_page_object (doc, i);
      BsPdfObj annots;

      if (bs_pdf_obj_is_indirect (doc, p) && bs_pdf_obj_num (doc, p) == bs_pdf_obj_num (doc, page))
        return i;
      annots = bs_pdf_obj_get (doc, page, "/Annots");
      for (int j = 0; j < bs_pdf_obj_len (doc, annots); j++)
        if (bs_pdf_obj_num (doc, bs_pdf_obj_at (doc, annots, j)) == widget_num)
          return i;
    }
  return -1;
}

/* A field's widget: the field itself when merged, else its first kid. */
static BsPdfObj
widget_of (BsPdfDocument *doc, BsPdfObj field)
{
  BsPdfObj kids = bs_pdf_obj_get (doc, field, "/Kids");

  if (bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, field, "/Subtype"), "/Widget"))
    return field;
  if (bs_pdf_obj_len (doc, kids) == 1)
    return bs_pdf_obj_at (doc, kids, 0);
  return bs_pdf_null (doc);
}

static void
add_if_empty (BsPdfDocument *doc, BsPdfObj field, const char *name, GPtrArray *out)
{
  BsPdfObj widget = widget_of (doc, field);
  BsPdfEmptyField *f;

  if (bs_pdf_obj_type (doc, bs_pdf_obj_get (doc, field, "/V")) != BS_PDF_NULL
      || !bs_pdf_obj_is_indirect (doc, field) || !bs_pdf_obj_is_indirect (doc, widget))
    return;
  f = g_new0 (BsPdfEmptyField, 1);
  f->name = g_strdup (name);
  f->field_num = bs_pdf_obj_num (doc, field);
  f->field_gen = bs_pdf_obj_gen (doc, field);
  f->widget_num = bs_pdf_obj_num (doc, widget);
  f->widget_gen = bs_pdf_obj_gen (doc, widget);
  f->page_index = page_of (doc, widget, f->widget_num);
  if (!bs_pdf_read_box (doc, bs_pdf_obj_get (doc, widget, "/Rect"), &f->rect))
    f->rect = (BsPdfBox) { 0, 0, 0, 0 };
  g_ptr_array_add (out, f);
}

/* /FT is inheritable (ISO 32000-1 12.7.3.1): @sig says a parent is /Sig. */
static void
walk (BsPdfDocument *doc, BsPdfObj fields, const char *prefix, gboolean sig, int depth, GPtrArray *out)
{
  int n = bs_pdf_obj_len (doc, fields);

  if (depth > MAX_TREE_DEPTH)
    return;
  for (int i = 0; i < n && out->len < MAX_FIELDS; i++)
    {
      BsPdfObj field = bs_pdf_obj_at (doc, fields, i);
      BsPdfObj ft = bs_pdf_obj_get (doc, field, "/FT");
      g_autofree char *partial = bs_pdf_obj_dup_text (doc, bs_pdf_obj_get (doc, field, "/T"));
      g_autofree char *name = NULL;
      gboolean is_sig = bs_pdf_obj_type (doc, ft) == BS_PDF_NAME ? bs_pdf_obj_name_is (doc, ft, "/Sig") : sig;

      if (bs_pdf_obj_type (doc, field) != BS_PDF_DICT || partial == NULL)
        continue;
      name = prefix ? g_strconcat (prefix, ".", partial, NULL) : g_strdup (partial);
      if (is_sig)
        add_if_empty (doc, field, name, out);
      /* Kids that carry /T are fields of their own. */
      if (!is_sig)
        walk (doc, bs_pdf_obj_get (doc, field, "/Kids"), name, is_sig, depth + 1, out);
    }
}

GPtrArray *
bs_pdf_document_empty_signature_fields (BsPdfDocument *doc)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_pdf_empty_field_free);
  BsPdfObj form = bs_pdf_obj_get (doc, bs_pdf_root (doc), "/AcroForm");

  walk (doc, bs_pdf_obj_get (doc, form, "/Fields"), NULL, FALSE, 0, out);
  return out;
}
