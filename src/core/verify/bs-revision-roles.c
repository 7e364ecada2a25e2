/* bs-revision-roles.c — what each object of the signed revision is for:
 * a page, a field (and its name), an appearance, validation data, tags.
 * The rules judge a later change by the role its object had when signed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-revision-diff-private.h"
#include "bs-signature-fields.h"

#include <stdio.h>
#include <string.h>

/* Bounds for walking structures that come from the file. */
#define MAX_TREE_DEPTH 32
#define MAX_PAGES 100000
#define MAX_ANNOTS 20000
#define MAX_FIELDS 50000
#define MAX_DSS_ITEMS 20000
#define MAX_STRUCTURE_NODES 200000

int
diff_page_of (Diff *d, guint num)
{
  gpointer page;

  if (g_hash_table_lookup_extended (d->pages, GUINT_TO_POINTER (num), NULL, &page))
    return GPOINTER_TO_INT (page);
  return -1;
}

const char *
diff_field_name (Diff *d, guint num)
{
  return g_hash_table_lookup (d->names, GUINT_TO_POINTER (num));
}

Role
diff_role_of (Diff *d, guint num)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (d->roles, GUINT_TO_POINTER (num)));
}


static void
set_role (Diff *d, BsPdfObj obj, Role role, int page)
{
  guint num = bs_pdf_obj_num (d->a, obj);

  if (num == 0)
    return;
  g_hash_table_insert (d->roles, GUINT_TO_POINTER (num), GINT_TO_POINTER (role));
  if (page >= 0)
    g_hash_table_insert (d->pages, GUINT_TO_POINTER (num), GINT_TO_POINTER (page));
}

/* The field that holds a widget's value: itself when merged (it has /T
 * or no parent), else its /Parent (ISO 32000-2 12.7.4.1). */
static BsPdfObj
field_of_widget (BsPdfDocument *doc, BsPdfObj widget)
{
  return bs_pdf_obj_has (doc, widget, "/T") || !bs_pdf_obj_has (doc, widget, "/Parent")
         ? widget : bs_pdf_obj_get (doc, widget, "/Parent");
}


static void
name_field (Diff *d, guint num, const char *name)
{
  if (num != 0 && name != NULL && !g_hash_table_contains (d->names, GUINT_TO_POINTER (num)))
    g_hash_table_insert (d->names, GUINT_TO_POINTER (num), g_strdup (name));
}

/* The streams a widget shows (/AP /N, /D, /R, each a stream or a
 * dictionary of appearance states) belong to it. */
static void
mark_appearances (Diff *d, BsPdfObj widget, Role role, int page)
{
  static const char * const kinds[] = { "/N", "/D", "/R", NULL };
  BsPdfDocument *a = d->a;
  BsPdfObj ap = bs_pdf_obj_get (a, widget, "/AP");
  guint owner = bs_pdf_obj_num (a, widget);

  for (const char * const *k = kinds; *k != NULL; k++)
    {
      BsPdfObj entry = bs_pdf_obj_get (a, ap, *k);
      g_auto(GStrv) states = bs_pdf_obj_type (a, entry) == BS_PDF_DICT ? bs_pdf_obj_dup_keys (a, entry) : NULL;
      BsPdfObj streams[64];
      int n = 0;

      if (bs_pdf_obj_type (a, entry) == BS_PDF_STREAM)
        streams[n++] = entry;
      for (char **s = states; s != NULL && *s != NULL && n < (int) G_N_ELEMENTS (streams); s++)
        streams[n++] = bs_pdf_obj_get (a, entry, *s);
      for (int i = 0; i < n; i++)
        {
          guint num = bs_pdf_obj_num (a, streams[i]);
          if (num == 0 || g_hash_table_contains (d->roles, GUINT_TO_POINTER (num)))
            continue;
          set_role (d, streams[i], role, page);
          g_hash_table_insert (d->owners, GUINT_TO_POINTER (num), GUINT_TO_POINTER (owner));
        }
    }
}

/* Whether a /Contents value written as @span is a placeholder: a hex
 * string of zeros. -1 when the bytes cannot tell. */
static int
raw_placeholder (Diff *d, BsRawSpan span)
{
  if (span.end <= span.start + 1 || d->file[span.start] != '<' || d->file[span.end - 1] != '>')
    return -1;
  for (gsize i = span.start + 1; i + 1 < span.end; i++)
    if (d->file[i] != '0' && !g_ascii_isspace (d->file[i]))
      return 0;
  return 1;
}

/* bs_sig_value_is_signature(), from the raw bytes when the value is an
 * object written uncompressed: each earlier signature's dictionary holds
 * kilobytes of /Contents that qpdf would parse again in every revision
 * compared, making verification quadratic in the number of signatures. */
/* Where the signed revision defines object @num in the raw bytes. */
static gboolean
signed_position (Diff *d, guint num, gsize *at)
{
  gpointer position;

  if (num == 0 || d->file == NULL || d->signed_positions == NULL
      || !g_hash_table_lookup_extended (d->signed_positions, GUINT_TO_POINTER (num), NULL, &position)
      || position == NULL)
    return FALSE;
  *at = GPOINTER_TO_SIZE (position);
  return TRUE;
}

static gboolean
signed_body (Diff *d, guint num, gsize *at, BsRawSpan *body)
{
  return signed_position (d, num, at) && bs_pdf_raw_object_body (d->file, d->file_len, *at, num, body);
}

/* The object number @key of the dictionary @obj refers to, read from its
 * raw bytes, or 0. Reading /V through qpdf parses the signature
 * dictionary it names, kilobytes of /Contents, in every revision compared. */
static guint
raw_reference (Diff *d, BsPdfObj obj, const char *key)
{
  guint num = bs_pdf_obj_is_indirect (d->a, obj) ? bs_pdf_obj_num (d->a, obj) : 0;
  g_autoptr(GHashTable) entries = NULL;
  BsRawSpan body, *value;
  gsize at;
  guint64 ref = 0, gen;
  char tail[4] = "";

  if (!signed_body (d, num, &at, &body) || (entries = bs_pdf_raw_dict_entries (d->file, body)) == NULL
      || (value = g_hash_table_lookup (entries, key)) == NULL || value->end - value->start > 40)
    return 0;
  {
    g_autofree char *text = g_strndup ((const char *) d->file + value->start, value->end - value->start);
    if (sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %3s", &ref, &gen, tail) != 3
        || strcmp (tail, "R") != 0 || ref > G_MAXUINT)
      return 0;
  }
  return (guint) ref;
}

/* bs_sig_value_is_signature() for the value object @num, from its raw
 * bytes (remembered across comparisons); -1 when they cannot tell. */
static int
raw_is_signature (Diff *d, guint num)
{
  gsize at;
  BsRawSpan body;
  g_autoptr(GHashTable) entries = NULL;
  BsRawSpan *contents;
  gpointer cached;
  int signature;

  if (!signed_position (d, num, &at))
    return -1;
  if (d->signature_cache != NULL && (cached = g_hash_table_lookup (d->signature_cache, GSIZE_TO_POINTER (at))) != NULL)
    return GPOINTER_TO_INT (cached) - 1;
  if (!bs_pdf_raw_object_body (d->file, d->file_len, at, num, &body)
      || (entries = bs_pdf_raw_dict_entries (d->file, body)) == NULL)
    return -1;
  contents = g_hash_table_lookup (entries, "/Contents");
  signature = contents == NULL ? 1 : raw_placeholder (d, *contents);
  if (signature < 0)
    return -1;
  signature = contents == NULL ? 1 : !signature;
  if (d->signature_cache != NULL)
    g_hash_table_insert (d->signature_cache, GSIZE_TO_POINTER (at), GINT_TO_POINTER (signature + 1));
  return signature;
}

/* The field's /V: its object number (0 when direct) and whether it holds
 * a signature rather than nothing or a placeholder. */
static guint
field_value (Diff *d, BsPdfObj field, gboolean *is_signature)
{
  guint num = raw_reference (d, field, "/V");
  int raw = num != 0 ? raw_is_signature (d, num) : -1;
  BsPdfObj value;

  if (raw >= 0)
    {
      *is_signature = raw == 1;
      return num;
    }
  value = bs_pdf_obj_get (d->a, field, "/V");
  *is_signature = bs_sig_value_is_signature (d->a, value);
  return bs_pdf_obj_type (d->a, value) == BS_PDF_DICT ? bs_pdf_obj_num (d->a, value) : 0;
}

static void
set_role_of (Diff *d, guint num, Role role, int page)
{
  if (num == 0)
    return;
  g_hash_table_insert (d->roles, GUINT_TO_POINTER (num), GINT_TO_POINTER (role));
  if (page >= 0)
    g_hash_table_insert (d->pages, GUINT_TO_POINTER (num), GINT_TO_POINTER (page));
}

static void
mark_annotation (Diff *d, BsPdfObj annot, int page)
{
  BsPdfDocument *a = d->a;
  gboolean widget = bs_pdf_obj_name_is (a, bs_pdf_obj_get (a, annot, "/Subtype"), "/Widget");
  BsPdfObj field = field_of_widget (a, annot);
  Role role = ROLE_ANNOTATION;

  if (widget && bs_sig_field_is_signature (a, annot))
    {
      gboolean signed_value = FALSE;
      guint value = field_value (d, field, &signed_value);

      role = signed_value ? ROLE_SIG_FIELD_SIGNED : ROLE_SIG_FIELD_EMPTY;
      if (signed_value)
        set_role_of (d, value, ROLE_SIG_DICT, page);
      else
        {
          /* A prepared field's placeholder may be filled by the signature
           * that signs the field. */
          if (value != 0)
            {
              set_role_of (d, value, ROLE_SIG_PLACEHOLDER, page);
              g_hash_table_insert (d->owners, GUINT_TO_POINTER (value), GUINT_TO_POINTER (bs_pdf_obj_num (a, annot)));
            }
          mark_appearances (d, annot, ROLE_EMPTY_SIG_APPEARANCE, page);
        }
    }
  else if (widget)
    {
      role = ROLE_FORM_FIELD;
      mark_appearances (d, annot, ROLE_FIELD_APPEARANCE, page);
    }
  set_role (d, annot, role, page);
  if (widget)
    {
      g_autofree char *name = bs_sig_field_qualified_name (a, field);
      name_field (d, bs_pdf_obj_num (a, field), name);
      name_field (d, bs_pdf_obj_num (a, annot), name);
    }
  if (field != annot)
    set_role (d, field, role, page);
}

/* Whether the annotation or field object @num, or anything it refers to
 * but pages (its appearances, value, parent field), is among the objects
 * compared. The roles of the others are never asked for, and giving them
 * one would parse every annotation and field in every revision compared. */
static gboolean
concerns_comparison (Diff *d, guint num)
{
  g_autoptr(GHashTable) refs = NULL;
  GHashTableIter iter;
  gpointer key;

  if (d->compared == NULL || num == 0 || g_hash_table_contains (d->compared, GUINT_TO_POINTER (num)))
    return TRUE;
  refs = g_hash_table_new (NULL, NULL);
  if (!diff_signed_references (d, num, refs))
    return TRUE;
  g_hash_table_iter_init (&iter, refs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (diff_role_of (d, GPOINTER_TO_UINT (key)) != ROLE_PAGE && g_hash_table_contains (d->compared, key))
      return TRUE;
  return FALSE;
}

static void
mark_pages (Diff *d)
{
  BsPdfDocument *a = d->a;
  int n = MIN (bs_pdf_document_get_n_pages (a), MAX_PAGES);

  for (int i = 0; i < n; i++)
    {
      BsPdfObj page = bs_pdf_page_object (a, i);
      BsPdfObj annots = bs_pdf_obj_get (a, page, "/Annots");
      int n_annots = MIN (bs_pdf_obj_len (a, annots), MAX_ANNOTS);

      set_role (d, page, ROLE_PAGE, i);
      if (bs_pdf_obj_is_indirect (a, annots))
        set_role (d, annots, ROLE_ANNOTS, i);
      for (int j = 0; j < n_annots; j++)
        {
          BsPdfObj annot = bs_pdf_obj_at (a, annots, j);
          if (concerns_comparison (d, bs_pdf_obj_is_indirect (a, annot) ? bs_pdf_obj_num (a, annot) : 0))
            mark_annotation (d, annot, i);
        }
    }
}

/* A field written uncompressed without /Kids (from its raw bytes). */
static gboolean
is_leaf_field (Diff *d, guint num)
{
  gsize at;
  BsRawSpan body;
  g_autoptr(GHashTable) entries = NULL;

  return signed_body (d, num, &at, &body) && (entries = bs_pdf_raw_dict_entries (d->file, body)) != NULL
         && !g_hash_table_contains (entries, "/Kids");
}

/* The field tree names every field, non-terminal ones too: a lock on
 * "Alamat" covers "Alamat.Kota", and a change to a parent is a change to
 * the field. */
static void
mark_fields (Diff *d, BsPdfObj fields, const char *prefix, int depth, guint *budget)
{
  BsPdfDocument *a = d->a;
  int n = bs_pdf_obj_len (a, fields);

  if (depth > MAX_TREE_DEPTH)
    return;
  for (int i = 0; i < n && *budget > 0; i++, (*budget)--)
    {
      BsPdfObj field = bs_pdf_obj_at (a, fields, i);
      g_autofree char *t = NULL;
      g_autofree char *name = NULL;
      guint num = bs_pdf_obj_is_indirect (a, field) ? bs_pdf_obj_num (a, field) : 0;

      if (is_leaf_field (d, num) && !concerns_comparison (d, num))
        continue;
      t = bs_pdf_obj_dup_text (a, bs_pdf_obj_get (a, field, "/T"));
      name = t == NULL ? g_strdup (prefix) : prefix != NULL ? g_strdup_printf ("%s.%s", prefix, t) : g_strdup (t);
      if (num == 0 || g_hash_table_contains (d->names, GUINT_TO_POINTER (num)))
        continue;
      name_field (d, num, name);
      if (!g_hash_table_contains (d->roles, GUINT_TO_POINTER (num)))
        {
          gboolean signed_value = FALSE;
          if (bs_sig_field_is_signature (a, field))
            field_value (d, field, &signed_value);
          set_role (d, field, !bs_sig_field_is_signature (a, field) ? ROLE_FORM_FIELD
                              : signed_value ? ROLE_SIG_FIELD_SIGNED : ROLE_SIG_FIELD_EMPTY, -1);
        }
      mark_fields (d, bs_pdf_obj_get (a, field, "/Kids"), name, depth + 1, budget);
    }
}

/* Tagged documents: signing adds the widget to the structure tree
 * (accessibility tags), which draws nothing. */
static void
mark_structure (Diff *d, BsPdfObj node, int depth, guint *budget)
{
  BsPdfDocument *a = d->a;
  static const char * const children[] = { "/K", "/ParentTree", "/Kids", "/Nums", NULL };
  BsPdfType t = bs_pdf_obj_type (a, node);

  if (depth > MAX_TREE_DEPTH || *budget == 0 || (t != BS_PDF_DICT && t != BS_PDF_ARRAY))
    return;
  (*budget)--;
  if (bs_pdf_obj_is_indirect (a, node))
    {
      guint num = bs_pdf_obj_num (a, node);
      if (g_hash_table_contains (d->roles, GUINT_TO_POINTER (num)))
        return;
      set_role (d, node, ROLE_STRUCTURE, -1);
    }
  if (t == BS_PDF_ARRAY)
    {
      int n = bs_pdf_obj_len (a, node);
      for (int i = 0; i < n && *budget > 0; i++)
        mark_structure (d, bs_pdf_obj_at (a, node, i), depth + 1, budget);
      return;
    }
  /* Only structure dictionaries are followed, never page content. */
  if (bs_pdf_obj_has (a, node, "/Type") && !bs_pdf_obj_name_is (a, bs_pdf_obj_get (a, node, "/Type"), "/StructElem")
      && !bs_pdf_obj_name_is (a, bs_pdf_obj_get (a, node, "/Type"), "/StructTreeRoot"))
    return;
  for (const char * const *k = children; *k; k++)
    mark_structure (d, bs_pdf_obj_get (a, node, *k), depth + 1, budget);
}

static void
mark_dss_array (Diff *d, BsPdfObj array)
{
  int n = MIN (bs_pdf_obj_len (d->a, array), MAX_DSS_ITEMS);

  set_role (d, array, ROLE_DSS, -1);
  for (int i = 0; i < n; i++)
    set_role (d, bs_pdf_obj_at (d->a, array, i), ROLE_DSS, -1);
}

/* ETSI EN 319 142-1 5.4.2: the DSS, its VRI entries and every
 * certificate, OCSP response and CRL stream they hold. Later validation
 * updates may rewrite or free any of them. */
static void
mark_dss (Diff *d, BsPdfObj dss)
{
  static const char * const parts[] = { "/Certs", "/OCSPs", "/CRLs", NULL };
  static const char * const vri_parts[] = { "/Cert", "/OCSP", "/CRL", "/TS", NULL };
  BsPdfDocument *a = d->a;
  BsPdfObj vri = bs_pdf_obj_get (a, dss, "/VRI");
  g_auto(GStrv) keys = bs_pdf_obj_dup_keys (a, vri);
  int count = 0;

  set_role (d, dss, ROLE_DSS, -1);
  set_role (d, vri, ROLE_DSS, -1);
  for (const char * const *k = parts; *k; k++)
    mark_dss_array (d, bs_pdf_obj_get (a, dss, *k));
  for (char **k = keys; *k != NULL && count < MAX_DSS_ITEMS; k++, count++)
    {
      BsPdfObj entry = bs_pdf_obj_get (a, vri, *k);
      set_role (d, entry, ROLE_DSS, -1);
      for (const char * const *p = vri_parts; *p; p++)
        mark_dss_array (d, bs_pdf_obj_get (a, entry, *p));
    }
}

void
diff_mark_roles (Diff *d)
{
  BsPdfDocument *a = d->a;
  BsPdfObj root = bs_pdf_root (a);
  BsPdfObj form = bs_pdf_obj_get (a, root, "/AcroForm");
  guint budget = MAX_FIELDS;

  set_role (d, bs_pdf_obj_get (a, root, "/Pages"), ROLE_PAGES_NODE, -1);
  set_role (d, bs_pdf_obj_get (a, bs_pdf_trailer (a), "/Info"), ROLE_INFO, -1);
  set_role (d, bs_pdf_obj_get (a, root, "/Metadata"), ROLE_METADATA, -1);
  mark_dss (d, bs_pdf_obj_get (a, root, "/DSS"));
  mark_pages (d);
  mark_fields (d, bs_pdf_obj_get (a, form, "/Fields"), NULL, 0, &budget);
  set_role (d, form, ROLE_ACROFORM, -1);
  set_role (d, bs_pdf_obj_get (a, form, "/Fields"), ROLE_FIELDS, -1);
  set_role (d, root, ROLE_CATALOG, -1);
  budget = MAX_STRUCTURE_NODES;
  mark_structure (d, bs_pdf_obj_get (a, root, "/StructTreeRoot"), 0, &budget);
}
