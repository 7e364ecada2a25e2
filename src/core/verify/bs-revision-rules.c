/* bs-revision-rules.c — which differences of each kind of object are
 * allowed after a signature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-revision-diff-private.h"
#include "bs-signature-fields.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_ARRAY_ITEMS 100000
#define MAX_ICON_SIZE 64.0  /* points */

static gboolean
key_in (const char *key, const char * const *set)
{
  return set != NULL && g_strv_contains (set, key);
}

typedef void (*KeyChanged) (Diff *, const char *, BsPdfObj, BsPdfObj, const RawPair *, gpointer);

/* qpdf normalises #xx escapes in names; raw keys are as written. */
static gboolean
keys_plain (GHashTable *entries)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strchr (key, '#') != NULL)
      return FALSE;
  return TRUE;
}

/* The keys whose values are written alike in both are unchanged; qpdf
 * compares only the others, and resolves nothing the rest refers to. */
static gboolean
for_each_raw_changed_key (Diff *d, BsPdfObj a, BsPdfObj b, const RawPair *raw, KeyChanged changed, gpointer data)
{
  g_autoptr(GHashTable) ea = raw ? bs_pdf_raw_dict_entries (d->file, raw->a) : NULL;
  g_autoptr(GHashTable) eb = raw ? bs_pdf_raw_dict_entries (d->file, raw->b) : NULL;
  GHashTableIter iter;
  gpointer key, span;

  if (ea == NULL || eb == NULL || !keys_plain (ea) || !keys_plain (eb))
    return FALSE;
  g_hash_table_iter_init (&iter, ea);
  while (g_hash_table_iter_next (&iter, &key, &span))
    {
      BsRawSpan *in_b = g_hash_table_lookup (eb, key);
      RawPair sub = { *(BsRawSpan *) span, in_b ? *in_b : *(BsRawSpan *) span };
      BsPdfObj va, vb;

      if (in_b != NULL && bs_pdf_raw_tokens_equal (d->file, sub.a, d->file, sub.b))
        continue;
      va = bs_pdf_obj_get (d->a, a, key);
      vb = bs_pdf_obj_get (d->b, b, key);
      if (!diff_same_value (d, va, vb))
        changed (d, key, va, vb, in_b ? &sub : NULL, data);
    }
  g_hash_table_iter_init (&iter, eb);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (ea, key))
      {
        BsPdfObj vb = bs_pdf_obj_get (d->b, b, key);
        if (!diff_same_value (d, bs_pdf_null (d->a), vb))
          changed (d, key, bs_pdf_null (d->a), vb, NULL, data);
      }
  return TRUE;
}

/* Calls @changed for every key whose value differs between @a and @b
 * (values compared as written, references as references). */
static void
for_each_changed_key (Diff *d, BsPdfObj a, BsPdfObj b, const RawPair *raw, KeyChanged changed, gpointer data)
{
  g_auto(GStrv) ka = NULL;
  g_auto(GStrv) kb = NULL;

  if (for_each_raw_changed_key (d, a, b, raw, changed, data))
    return;
  ka = bs_pdf_obj_dup_keys (d->a, a);
  kb = bs_pdf_obj_dup_keys (d->b, b);
  for (char **k = ka; *k != NULL; k++)
    if (!diff_same_value (d, bs_pdf_obj_get (d->a, a, *k), bs_pdf_obj_get (d->b, b, *k)))
      changed (d, *k, bs_pdf_obj_get (d->a, a, *k), bs_pdf_obj_get (d->b, b, *k), NULL, data);
  for (char **k = kb; *k != NULL; k++)
    if (!g_strv_contains ((const char * const *) ka, *k))
      changed (d, *k, bs_pdf_null (d->a), bs_pdf_obj_get (d->b, b, *k), NULL, data);
}

/* An array item as "N G R", without unparsing (which would resolve it). */
static char *
item_key (BsPdfDocument *doc, BsPdfObj item)
{
  if (bs_pdf_obj_is_indirect (doc, item))
    return g_strdup_printf ("%u %u R", bs_pdf_obj_num (doc, item), bs_pdf_obj_gen (doc, item));
  return bs_pdf_obj_dup_ref_text (doc, item);
}

/* The references of an array, as "N G R" texts. */
static GHashTable *
reference_set (BsPdfDocument *doc, BsPdfObj array)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int n = MIN (bs_pdf_obj_len (doc, array), MAX_ARRAY_ITEMS);

  for (int i = 0; i < n; i++)
    g_hash_table_add (set, item_key (doc, bs_pdf_obj_at (doc, array, i)));
  return set;
}

typedef gboolean (*NewItemRule) (Diff *d, BsPdfObj item, int page);

/* @b must keep every entry of @a; each entry it adds is judged by @rule.
 * Returns FALSE (after recording why) when an entry went missing. */
static void
compare_growing_array (Diff *d, BsPdfObj a, BsPdfObj b, int page, guint num,
                       const char *what, NewItemRule rule)
{
  g_autoptr(GHashTable) old = reference_set (d->a, a);
  g_autoptr(GHashTable) now = reference_set (d->b, b);
  int n = MIN (bs_pdf_obj_len (d->b, b), MAX_ARRAY_ITEMS);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (now, key))
      {
        diff_change (d, BS_CHANGE_FORBIDDEN, diff_field_name (d, num), page, num, _("An entry (%s) was removed from the %s"),
                     (char *) key, what);
        return;
      }
  for (int i = 0; i < n; i++)
    {
      BsPdfObj item = bs_pdf_obj_at (d->b, b, i);
      g_autofree char *ref = item_key (d->b, item);
      if (!g_hash_table_contains (old, ref))
        rule (d, item, page);
    }
}

static BsPdfObj
value_of (BsPdfDocument *doc, BsPdfObj widget)
{
  BsPdfObj holder = bs_pdf_obj_has (doc, widget, "/V") || !bs_pdf_obj_has (doc, widget, "/Parent")
                    ? widget : bs_pdf_obj_get (doc, widget, "/Parent");

  return bs_pdf_obj_get (doc, holder, "/V");
}

static gboolean
new_field_rule (Diff *d, BsPdfObj field, int page)
{
  if (bs_sig_field_is_signature (d->b, field))
    {
      gboolean stamp = bs_pdf_obj_name_is (d->b, bs_pdf_obj_get (d->b, value_of (d->b, field), "/Type"), "/DocTimeStamp");
      /* The widget (on its page) is judged by the annotation rule. */
      diff_change (d, stamp ? BS_CHANGE_ALWAYS : BS_CHANGE_SIGNING, NULL, -1, bs_pdf_obj_num (d->b, field),
                   _("A signature field was added"));
      return TRUE;
    }
  diff_change (d, BS_CHANGE_FORBIDDEN, NULL, -1, bs_pdf_obj_num (d->b, field),
               _("A form field that is not a signature field was added"));
  return FALSE;
}

void
rule_fields (Diff *d, BsPdfObj a, BsPdfObj b, guint num)
{
  compare_growing_array (d, a, b, -1, num, _("form field list"), new_field_rule);
}

/* Width and height of an annotation's /Rect (0 when it has none). */
static void
rect_size (BsPdfDocument *doc, BsPdfObj annot, double *width, double *height)
{
  BsPdfObj rect = bs_pdf_obj_get (doc, annot, "/Rect");
  double v[4] = { 0 };

  for (int i = 0; i < 4 && bs_pdf_obj_len (doc, rect) == 4; i++)
    v[i] = bs_pdf_obj_number (doc, bs_pdf_obj_at (doc, rect, i));
  *width = ABS (v[2] - v[0]);
  *height = ABS (v[3] - v[1]);
}

static gboolean
rect_draws (BsPdfDocument *doc, BsPdfObj annot)
{
  double w, h;

  /* Hidden (2) and NoView (32) annotations draw nothing. */
  if (bs_pdf_obj_int (doc, bs_pdf_obj_get (doc, annot, "/F")) & (2 | 32))
    return FALSE;
  rect_size (doc, annot, &w, &h);
  return w > 0.5 && h > 0.5;
}

/* A later signature signs bytes past the signed revision; a "new" field
 * whose value is an old signature only borrows its validity to draw. */
gboolean
diff_signs_later (Diff *d, BsPdfObj sig)
{
  BsPdfObj br = bs_pdf_obj_get (d->b, sig, "/ByteRange");

  if (bs_pdf_obj_len (d->b, br) != 4)
    return FALSE;
  return (guint64) MAX (0, bs_pdf_obj_int (d->b, bs_pdf_obj_at (d->b, br, 2)))
         + (guint64) MAX (0, bs_pdf_obj_int (d->b, bs_pdf_obj_at (d->b, br, 3))) > d->signed_end;
}

gboolean
diff_field_signed_later (Diff *d, BsPdfObj field)
{
  BsPdfObj sig = value_of (d->b, field);

  return bs_pdf_obj_type (d->b, sig) == BS_PDF_DICT && diff_signs_later (d, sig);
}

static gboolean
new_signature_rule (Diff *d, BsPdfObj annot, int page, guint num)
{
  BsPdfObj sig = value_of (d->b, annot);
  gboolean is_timestamp = bs_pdf_obj_name_is (d->b, bs_pdf_obj_get (d->b, sig, "/Type"), "/DocTimeStamp");

  if (bs_pdf_obj_type (d->b, sig) != BS_PDF_DICT)
    {
      /* An empty signature field that draws is content nobody signed
       * (the "sneaky signature" attack). */
      gboolean draws = rect_draws (d->b, annot);
      diff_change (d, draws ? BS_CHANGE_FORBIDDEN : BS_CHANGE_SIGNING, NULL, page, num,
                   draws ? _("An unsigned signature field that draws on the page was added")
                         : _("An empty signature field was added"));
      return !draws;
    }
  if (!diff_signs_later (d, sig))
    {
      diff_change (d, BS_CHANGE_FORBIDDEN, NULL, page, num, _("A signature field that reuses an earlier signature was added"));
      return FALSE;
    }
  /* ISO 32000-1 Table 254: P=1 allows no change at all; document
   * time-stamps and validation data are allowed by EN 319 142-1. */
  if (is_timestamp)
    diff_change (d, BS_CHANGE_ALWAYS, NULL, page, num, _("A document time-stamp was added"));
  else
    diff_change (d, BS_CHANGE_SIGNING, NULL, page, num, d->level == 1
                 ? _("A signature was added although the signature's permissions allow no changes")
                 : _("A signature was added"));
  return TRUE;
}

/* DocMDP P=3 allows annotations (ISO 32000-1 Table 254), and the Evil
 * Annotation attack uses exactly that: a FreeText, Stamp or Redact box
 * over the signed text. Only the comment kinds pass — notes and text
 * markup — since they mark the page rather than paint new content. */
static gboolean
is_comment_annotation (BsPdfDocument *doc, BsPdfObj annot)
{
  static const char * const comments[] = { "/Text", "/Popup", "/Highlight", "/Underline", "/StrikeOut",
                                            "/Squiggly", "/Caret", NULL };
  static const char * const icons[] = { "/Text", "/Caret", NULL };
  g_autofree char *subtype = bs_pdf_obj_dup_name (doc, bs_pdf_obj_get (doc, annot, "/Subtype"));
  double w, h;

  if (subtype == NULL || !g_strv_contains (comments, subtype))
    return FALSE;
  /* A note or caret is an icon; one the size of a paragraph is a box. */
  rect_size (doc, annot, &w, &h);
  return !g_strv_contains (icons, subtype) || (w <= MAX_ICON_SIZE && h <= MAX_ICON_SIZE);
}

static gboolean
new_annotation_rule (Diff *d, BsPdfObj annot, int page)
{
  guint num = bs_pdf_obj_num (d->b, annot);
  g_autofree char *subtype = bs_pdf_obj_dup_name (d->b, bs_pdf_obj_get (d->b, annot, "/Subtype"));
  gboolean widget = g_strcmp0 (subtype, "/Widget") == 0;

  if (widget && bs_sig_field_is_signature (d->b, annot))
    return new_signature_rule (d, annot, page, num);
  if (!widget && is_comment_annotation (d->b, annot))
    {
      diff_change (d, BS_CHANGE_ANNOTATION, NULL, page, num, d->level == 3
                   ? _("A comment (%s) was added, as the certification allows")
                   : _("A comment (%s) was added"), subtype ? subtype + 1 : "?");
      return TRUE;
    }
  if (!widget && d->level == 3)
    {
      diff_change (d, BS_CHANGE_FORBIDDEN, NULL, page, num,
                   _("An annotation (%s) that can paint over the signed content was added; the certification "
                     "allows annotations, but not this kind"), subtype ? subtype + 1 : "?");
      return FALSE;
    }
  diff_change (d, BS_CHANGE_FORBIDDEN, NULL, page, num, _("An annotation (%s) was added to the page"),
               subtype ? subtype + 1 : "?");
  return FALSE;
}

void
rule_annots (Diff *d, BsPdfObj a, BsPdfObj b, int page, guint num)
{
  if (bs_pdf_obj_type (d->b, b) != BS_PDF_ARRAY && bs_pdf_obj_type (d->b, b) != BS_PDF_NULL)
    {
      diff_change (d, BS_CHANGE_FORBIDDEN, NULL, page, num, _("The annotation list of the page was replaced"));
      return;
    }
  compare_growing_array (d, a, b, page, num, _("annotations of the page"), new_annotation_rule);
}

static void
page_key_changed (Diff *d, const char *key, BsPdfObj a, BsPdfObj b, const RawPair *raw, gpointer data)
{
  int page = GPOINTER_TO_INT (data);

  if (strcmp (key, "/Annots") == 0)
    rule_annots (d, a, b, page, 0);
  else
    diff_change (d, BS_CHANGE_FORBIDDEN, NULL, page, 0, _("The page entry %s changed"), key);
}

void
rule_page (Diff *d, BsPdfObj a, BsPdfObj b, int page, const RawPair *raw)
{
  for_each_changed_key (d, a, b, raw, page_key_changed, GINT_TO_POINTER (page));
}

static void
acroform_key_changed (Diff *d, const char *key, BsPdfObj a, BsPdfObj b, const RawPair *raw, gpointer data)
{
  /* What signers add: the signature flags and the fonts their widgets use. */
  static const char * const signing[] = { "/SigFlags", "/DR", "/DA", NULL };
  guint num = GPOINTER_TO_UINT (data);

  if (strcmp (key, "/Fields") == 0)
    rule_fields (d, a, b, num);
  /* Turning NeedAppearances off makes readers use the signed appearances;
   * turning it on lets them redraw fields from their values, which is
   * what filling the form may change anyway. */
  else if (strcmp (key, "/NeedAppearances") == 0 && !bs_pdf_obj_bool (d->b, b))
    diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, num, _("The form no longer asks readers to redraw fields"));
  else if (strcmp (key, "/NeedAppearances") == 0)
    diff_change (d, BS_CHANGE_FORM_FILL, NULL, -1, num, _("The form asks readers to redraw its fields"));
  else if (key_in (key, signing))
    diff_change (d, BS_CHANGE_SIGNING, NULL, -1, num, _("The form entry %s changed"), key);
  else
    diff_change (d, BS_CHANGE_FORBIDDEN, NULL, -1, num, _("The form entry %s changed"), key);
}

void
rule_acroform (Diff *d, BsPdfObj a, BsPdfObj b, guint num, const RawPair *raw)
{
  for_each_changed_key (d, a, b, raw, acroform_key_changed, GUINT_TO_POINTER (num));
}

/* A version name (/1.7, /2.0) as a number to compare; -1 when absent. */
static double
version_of (BsPdfDocument *doc, BsPdfObj name)
{
  g_autofree char *text = bs_pdf_obj_dup_name (doc, name);

  return text != NULL ? g_ascii_strtod (text + 1, NULL) : -1;
}

/* The highest (base version, extension level) of one developer prefix,
 * a dictionary or (PDF 2.0) an array of them. */
static void
extension_level (BsPdfDocument *doc, BsPdfObj entry, double *base, gint64 *level)
{
  int n = bs_pdf_obj_type (doc, entry) == BS_PDF_ARRAY ? bs_pdf_obj_len (doc, entry) : 1;

  *base = -1;
  *level = -1;
  for (int i = 0; i < n && i < 256; i++)
    {
      BsPdfObj e = bs_pdf_obj_type (doc, entry) == BS_PDF_ARRAY ? bs_pdf_obj_at (doc, entry, i) : entry;
      double v = version_of (doc, bs_pdf_obj_get (doc, e, "/BaseVersion"));
      gint64 l = bs_pdf_obj_int (doc, bs_pdf_obj_get (doc, e, "/ExtensionLevel"));
      if (v > *base || (v == *base && l > *level))
        {
          *base = v;
          *level = l;
        }
    }
}

/* ISO 32000-2 7.12: extensions a later update may add or raise, never
 * lower or drop — readers treat the document by its extensions. */
static gboolean
extensions_only_grow (Diff *d, BsPdfObj a, BsPdfObj b)
{
  g_auto(GStrv) prefixes = bs_pdf_obj_dup_keys (d->a, a);

  if (bs_pdf_obj_type (d->a, a) != BS_PDF_NULL && bs_pdf_obj_type (d->b, b) != BS_PDF_DICT)
    return FALSE;
  for (char **p = prefixes; *p != NULL; p++)
    {
      double base_a, base_b;
      gint64 level_a, level_b;
      extension_level (d->a, bs_pdf_obj_get (d->a, a, *p), &base_a, &level_a);
      extension_level (d->b, bs_pdf_obj_get (d->b, b, *p), &base_b, &level_b);
      if (base_b < base_a || (base_b == base_a && level_b < level_a))
        return FALSE;
    }
  return TRUE;
}

static void
catalog_key_changed (Diff *d, const char *key, BsPdfObj a, BsPdfObj b, const RawPair *raw, gpointer data)
{
  /* Long-term validation data and metadata draw nothing (ETSI EN 319
   * 142-1 5.4); the version and extensions may only go up. */
  static const char * const always[] = { "/DSS", "/Metadata", NULL };

  if (strcmp (key, "/AcroForm") == 0)
    rule_acroform (d, a, b, 0, raw);
  else if (key_in (key, always))
    diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, 0, _("The document entry %s changed"), key);
  else if (strcmp (key, "/Extensions") == 0 && extensions_only_grow (d, a, b))
    diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, 0, _("The document's extensions were added or raised"));
  else if (strcmp (key, "/Version") == 0 && version_of (d->b, b) >= version_of (d->a, a) && version_of (d->b, b) > 0)
    diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, 0, _("The document's PDF version was raised"));
  else if (strcmp (key, "/Extensions") == 0 || strcmp (key, "/Version") == 0)
    diff_change (d, BS_CHANGE_FORBIDDEN, NULL, -1, 0, _("The document entry %s was lowered or removed"), key);
  else
    diff_change (d, BS_CHANGE_FORBIDDEN, NULL, -1, 0, _("The document entry %s changed"), key);
}

void
rule_catalog (Diff *d, BsPdfObj a, BsPdfObj b, const RawPair *raw)
{
  for_each_changed_key (d, a, b, raw, catalog_key_changed, NULL);
}

/* What the rule knows about the field or annotation whose keys changed. */
typedef struct {
  Role        role;
  guint       num;
  const char *field;      /* its fully qualified name, or NULL */
  gboolean    signed_now; /* an empty signature field now holds a later signature */
  gboolean    comment;    /* an annotation of a comment kind */
} FieldChange;

static void
field_key_changed (Diff *d, const char *key, BsPdfObj a, BsPdfObj b, const RawPair *raw, gpointer data)
{
  const FieldChange *f = data;
  /* Filling a form sets values, the selected options of a choice field
   * (/I) and appearances (ISO 32000-2 12.7.5.4). */
  static const char * const filling[] = { "/V", "/I", "/AP", "/AS", NULL };
  int page = diff_page_of (d, f->num);

  /* The signature that fills the field vouches for all of its widget,
   * like a new signature field anywhere (iText also sets /F). */
  if (f->role == ROLE_SIG_FIELD_EMPTY && f->signed_now)
    diff_change (d, BS_CHANGE_SIGNING, f->field, page, f->num, _("An empty signature field was signed"));
  else if (f->role == ROLE_SIG_FIELD_EMPTY)
    diff_change (d, BS_CHANGE_FORBIDDEN, f->field, page, f->num,
                 _("An empty signature field changed (%s) but nobody signed it"), key);
  else if (f->role == ROLE_FORM_FIELD && key_in (key, filling))
    diff_change (d, BS_CHANGE_FORM_FILL, f->field, page, f->num, _("A form field was filled in"));
  else if (f->role == ROLE_ANNOTATION && f->comment)
    diff_change (d, BS_CHANGE_ANNOTATION, NULL, page, f->num, _("A comment was changed"));
  else if (f->role == ROLE_SIG_FIELD_SIGNED)
    diff_change (d, BS_CHANGE_FORBIDDEN, f->field, page, f->num, _("A signed signature field changed (%s)"), key);
  else
    diff_change (d, BS_CHANGE_FORBIDDEN, f->field, page, f->num, _("A form field or annotation changed (%s)"), key);
}

void
rule_field (Diff *d, Role role, BsPdfObj a, BsPdfObj b, guint num, const RawPair *raw)
{
  /* Drawing in an empty field is allowed only as part of signing it;
   * otherwise it is the sneaky signature attack on an existing field. */
  FieldChange f = { role, num, diff_field_name (d, num),
                    role == ROLE_SIG_FIELD_EMPTY && diff_field_signed_later (d, b),
                    role == ROLE_ANNOTATION && is_comment_annotation (d->b, b) };

  for_each_changed_key (d, a, b, raw, field_key_changed, &f);
}
