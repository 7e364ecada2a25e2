/* bs-signature-fields.c — finding signature fields and reading their values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-signature-fields.h"

#include <string.h>

/* Bounds for walking structures that come from the file. */
#define MAX_TREE_DEPTH 32
#define MAX_FIELDS 20000
#define MAX_ANNOTS_PER_PAGE 20000
#define MAX_PAGES_SCANNED 100000

/* Annotation flags Hidden (2) and NoView (32), ISO 32000-1 Table 165. */
#define ANNOT_HIDDEN_FLAGS (2 | 32)

typedef struct {
  BsPdfDocument *doc;
  GPtrArray     *fields;
  GHashTable    *seen;    /* field object numbers already reported */
} Collector;

/* /FT is inheritable from parent fields (ISO 32000-1 12.7.3.1). */
gboolean
bs_sig_field_is_signature (BsPdfDocument *doc, BsPdfObj field)
{
  for (int depth = 0; depth < MAX_TREE_DEPTH && bs_pdf_obj_type (doc, field) == BS_PDF_DICT; depth++)
    {
      if (bs_pdf_obj_has (doc, field, "/FT"))
        return bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, field, "/FT"), "/Sig");
      field = bs_pdf_obj_get (doc, field, "/Parent");
    }
  return FALSE;
}

char *
bs_sig_field_qualified_name (BsPdfDocument *doc, BsPdfObj field)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *name = g_string_new (NULL);

  for (int depth = 0; depth < MAX_TREE_DEPTH && bs_pdf_obj_type (doc, field) == BS_PDF_DICT; depth++)
    {
      char *t = bs_pdf_obj_dup_text (doc, bs_pdf_obj_get (doc, field, "/T"));
      if (t != NULL)
        g_ptr_array_insert (parts, 0, t);
      field = bs_pdf_obj_get (doc, field, "/Parent");
    }
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (name, "%s%s", i ? "." : "", (char *) g_ptr_array_index (parts, i));
  g_ptr_array_unref (parts);
  return g_string_free (name, FALSE);
}

static char *
dup_string_text (BsPdfDocument *doc, BsPdfObj dict, const char *key)
{
  return bs_pdf_obj_dup_text (doc, bs_pdf_obj_get (doc, dict, key));
}

static void
read_byte_range (BsPdfDocument *doc, BsPdfObj sig, BsSigField *f)
{
  BsPdfObj br = bs_pdf_obj_get (doc, sig, "/ByteRange");

  f->byte_range_ok = bs_pdf_obj_len (doc, br) == 4;
  for (int i = 0; f->byte_range_ok && i < 4; i++)
    {
      BsPdfObj v = bs_pdf_obj_at (doc, br, i);
      f->byte_range_ok = bs_pdf_obj_type (doc, v) == BS_PDF_INT;
      f->byte_range[i] = bs_pdf_obj_int (doc, v);
    }
}

static int
read_docmdp (BsPdfDocument *doc, BsPdfObj sig)
{
  BsPdfObj refs = bs_pdf_obj_get (doc, sig, "/Reference");
  int n = bs_pdf_obj_len (doc, refs);

  for (int i = 0; i < n; i++)
    {
      BsPdfObj ref = bs_pdf_obj_at (doc, refs, i);
      BsPdfObj p = bs_pdf_obj_get (doc, bs_pdf_obj_get (doc, ref, "/TransformParams"), "/P");

      if (bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, ref, "/TransformMethod"), "/DocMDP"))
        return bs_pdf_obj_type (doc, p) == BS_PDF_INT ? (int) CLAMP (bs_pdf_obj_int (doc, p), 1, 3) : 2;
    }
  return 0;
}

static gboolean
all_zero (GBytes *bytes)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i < len; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

gboolean
bs_sig_value_is_signature (BsPdfDocument *doc, BsPdfObj value)
{
  g_autoptr(GBytes) contents = NULL;

  if (bs_pdf_obj_type (doc, value) != BS_PDF_DICT)
    return FALSE;
  contents = bs_pdf_obj_dup_string (doc, bs_pdf_obj_get (doc, value, "/Contents"));
  return contents == NULL || !all_zero (contents);
}

static void
read_signature (BsPdfDocument *doc, BsPdfObj sig, BsSigField *f)
{
  f->has_value = bs_sig_value_is_signature (doc, sig);
  if (!f->has_value)
    return;
  f->sig_num = bs_pdf_obj_num (doc, sig);
  f->type = bs_pdf_obj_dup_name (doc, bs_pdf_obj_get (doc, sig, "/Type"));
  f->sub_filter = bs_pdf_obj_dup_name (doc, bs_pdf_obj_get (doc, sig, "/SubFilter"));
  read_byte_range (doc, sig, f);
  f->contents = bs_pdf_obj_dup_string (doc, bs_pdf_obj_get (doc, sig, "/Contents"));
  f->signing_time = dup_string_text (doc, sig, "/M");
  f->name = dup_string_text (doc, sig, "/Name");
  f->reason = dup_string_text (doc, sig, "/Reason");
  f->location = dup_string_text (doc, sig, "/Location");
  f->contact_info = dup_string_text (doc, sig, "/ContactInfo");
  f->docmdp = read_docmdp (doc, sig);
}

static int
page_of_widget (BsPdfDocument *doc, BsPdfObj widget, GHashTable *page_numbers)
{
  guint num = bs_pdf_obj_num (doc, bs_pdf_obj_get (doc, widget, "/P"));
  gpointer index;

  if (num != 0 && g_hash_table_lookup_extended (page_numbers, GUINT_TO_POINTER (num), NULL, &index))
    return GPOINTER_TO_INT (index);
  return -1;
}

static void
read_widget (BsPdfDocument *doc, BsPdfObj widget, BsSigField *f)
{
  BsPdfObj rect = bs_pdf_obj_get (doc, widget, "/Rect");
  double v[4] = { 0 };

  for (int i = 0; i < 4 && bs_pdf_obj_len (doc, rect) == 4; i++)
    v[i] = bs_pdf_obj_number (doc, bs_pdf_obj_at (doc, rect, i));
  f->rect = (BsPdfBox) { MIN (v[0], v[2]), MIN (v[1], v[3]), MAX (v[0], v[2]), MAX (v[1], v[3]) };
  f->hidden = (bs_pdf_obj_int (doc, bs_pdf_obj_get (doc, widget, "/F")) & ANNOT_HIDDEN_FLAGS) != 0;
}

static void
add_field (Collector *c, BsPdfObj field, BsPdfObj widget, int page)
{
  BsPdfDocument *doc = c->doc;
  guint num = bs_pdf_obj_num (doc, field);
  BsSigField *f;

  if (num == 0 || g_hash_table_contains (c->seen, GUINT_TO_POINTER (num))
      || c->fields->len >= MAX_FIELDS)
    return;
  g_hash_table_add (c->seen, GUINT_TO_POINTER (num));
  f = g_new0 (BsSigField, 1);
  f->field_num = num;
  f->field_name = bs_sig_field_qualified_name (doc, field);
  f->page = page;
  read_widget (doc, widget, f);
  read_signature (doc, bs_pdf_obj_get (doc, field, "/V"), f);
  if (f->has_value)
    f->locks = bs_field_locks_read (doc, field, bs_pdf_obj_get (doc, field, "/V"));
  g_ptr_array_add (c->fields, f);
}

/* The field that holds /V for a widget: itself when merged, else its
 * /Parent (ISO 32000-1 12.7.3.1). */
static BsPdfObj
field_of_widget (BsPdfDocument *doc, BsPdfObj widget)
{
  if (bs_pdf_obj_has (doc, widget, "/T") || !bs_pdf_obj_has (doc, widget, "/Parent"))
    return widget;
  return bs_pdf_obj_get (doc, widget, "/Parent");
}

static void
walk_fields (Collector *c, BsPdfObj fields, int depth, GHashTable *page_numbers)
{
  BsPdfDocument *doc = c->doc;
  int n = bs_pdf_obj_len (doc, fields);

  if (depth > MAX_TREE_DEPTH)
    return;
  for (int i = 0; i < n && c->fields->len < MAX_FIELDS; i++)
    {
      BsPdfObj field = bs_pdf_obj_at (doc, fields, i);
      BsPdfObj kids = bs_pdf_obj_get (doc, field, "/Kids");
      gboolean kids_are_fields = bs_pdf_obj_len (doc, kids) > 0
                                 && bs_pdf_obj_has (doc, bs_pdf_obj_at (doc, kids, 0), "/T");

      if (kids_are_fields)
        walk_fields (c, kids, depth + 1, page_numbers);
      else if (bs_sig_field_is_signature (doc, field))
        {
          BsPdfObj widget = bs_pdf_obj_len (doc, kids) > 0 ? bs_pdf_obj_at (doc, kids, 0) : field;
          add_field (c, field, widget, page_of_widget (doc, widget, page_numbers));
        }
    }
}

static void
walk_page_widgets (Collector *c, int page_index, BsPdfObj page)
{
  BsPdfDocument *doc = c->doc;
  BsPdfObj annots = bs_pdf_obj_get (doc, page, "/Annots");
  int n = MIN (bs_pdf_obj_len (doc, annots), MAX_ANNOTS_PER_PAGE);

  for (int i = 0; i < n; i++)
    {
      BsPdfObj annot = bs_pdf_obj_at (doc, annots, i);
      if (bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, annot, "/Subtype"), "/Widget")
          && bs_sig_field_is_signature (doc, annot))
        add_field (c, field_of_widget (doc, annot), annot, page_index);
    }
}

GPtrArray *
bs_sig_fields_collect (BsPdfDocument *doc)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) page_numbers = g_hash_table_new (NULL, NULL);
  Collector c = { doc, g_ptr_array_new_with_free_func ((GDestroyNotify) bs_sig_field_free), seen };
  int n_pages = MIN (bs_pdf_document_get_n_pages (doc), MAX_PAGES_SCANNED);

  for (int i = 0; i < n_pages; i++)
    g_hash_table_insert (page_numbers, GUINT_TO_POINTER (bs_pdf_obj_num (doc, bs_pdf_page_object (doc, i))),
                         GINT_TO_POINTER (i));
  walk_fields (&c, bs_pdf_obj_get (doc, bs_pdf_obj_get (doc, bs_pdf_root (doc), "/AcroForm"), "/Fields"),
               0, page_numbers);
  for (int i = 0; i < n_pages; i++)
    walk_page_widgets (&c, i, bs_pdf_page_object (doc, i));
  return c.fields;
}

void
bs_sig_field_free (BsSigField *f)
{
  if (f == NULL)
    return;
  g_free (f->field_name);
  g_free (f->type);
  g_free (f->sub_filter);
  g_clear_pointer (&f->contents, g_bytes_unref);
  g_free (f->signing_time);
  g_free (f->name);
  g_free (f->reason);
  g_free (f->location);
  g_free (f->contact_info);
  bs_field_locks_free (f->locks);
  g_free (f);
}
