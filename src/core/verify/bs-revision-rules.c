/* bs-revision-rules.c — which differences of each kind of object are
 * allowed after a signature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-revision-diff-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_ARRAY_ITEMS 100000
#define MAX_ICON_SIZE 64.0  /* points */

static gboolean
key_in (const char *key, const char * const *set)
{
  return set != NULL && g_strv_contains (set, key);
}

/* Calls @changed for every key whose value differs between @a and @b
 * (values compared as written, references as references). */
static void
for_each_changed_key (Diff *d, BsPdfObj a, BsPdfObj b,
                      void (*changed) (Diff *, const char *, BsPdfObj, BsPdfObj, gpointer),
                      gpointer data)
{
  g_auto(GStrv) ka = bs_pdf_obj_dup_keys (d->a, a);
  g_auto(GStrv) kb = bs_pdf_obj_dup_keys (d->b, b);

  for (char **k = ka; *k != NULL; k++)
    if (!diff_same_value (d, bs_pdf_obj_get (d->a, a, *k), bs_pdf_obj_get (d->b, b, *k)))
      changed (d, *k, bs_pdf_obj_get (d->a, a, *k), bs_pdf_obj_get (d->b, b, *k), data);
  for (char **k = kb; *k != NULL; k++)
    if (!g_strv_contains ((const char * const *) ka, *k))
      changed (d, *k, bs_pdf_null (d->a), bs_pdf_obj_get (d->b, b, *k), data);
}

/* The references of an array, as "N G R" texts. */
static GHashTable *
reference_set (BsPdfDocument *doc, BsPdfObj array)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int n = MIN (bs_pdf_obj_len (doc, array), MAX_ARRAY_ITEMS);

  for (int i = 0; i < n; i++)
    g_hash_table_add (set, bs_pdf_obj_dup_ref_text (doc, bs_pdf_obj_at (doc, array, i)));
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
        diff_add (d, FALSE, page, num, _("An entry (%s) was removed from the %s"), (char *) key, what);
        return;
      }
  for (int i = 0; i < n; i++)
    {
      BsPdfObj item = bs_pdf_obj_at (d->b, b, i);
      g_autofree char *ref = bs_pdf_obj_dup_ref_text (d->b, item);
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
  if (diff_is_signature_field (d->b, field))
    {
      /* The widget (on its page) is judged by the annotation rule. */
      diff_add (d, d->docmdp != 1 || bs_pdf_obj_name_is (d->b, bs_pdf_obj_get (d->b, value_of (d->b, field), "/Type"), "/DocTimeStamp"),
                -1, bs_pdf_obj_num (d->b, field), _("A signature field was added"));
      return TRUE;
    }
  diff_add (d, FALSE, -1, bs_pdf_obj_num (d->b, field), _("A form field that is not a signature field was added"));
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
static gboolean
signs_later_revision (Diff *d, BsPdfObj sig)
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

  return bs_pdf_obj_type (d->b, sig) == BS_PDF_DICT && signs_later_revision (d, sig);
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
      diff_add (d, !draws && d->docmdp != 1, page, num,
                draws ? _("An unsigned signature field that draws on the page was added")
                      : _("An empty signature field was added"));
      return !draws;
    }
  if (!signs_later_revision (d, sig))
    {
      diff_add (d, FALSE, page, num, _("A signature field that reuses an earlier signature was added"));
      return FALSE;
    }
  /* ISO 32000-1 Table 254: P=1 allows no change at all; document
   * time-stamps and validation data are allowed by EN 319 142-1. */
  if (d->docmdp == 1 && !is_timestamp)
    {
      diff_add (d, FALSE, page, num, _("A signature was added although the certification allows no changes"));
      return FALSE;
    }
  diff_add (d, TRUE, page, num, is_timestamp ? _("A document time-stamp was added") : _("A signature was added"));
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

  if (widget && diff_is_signature_field (d->b, annot))
    return new_signature_rule (d, annot, page, num);
  if (!widget && d->docmdp == 3 && is_comment_annotation (d->b, annot))
    {
      diff_add (d, TRUE, page, num, _("A comment (%s) was added, as the certification allows"),
                subtype ? subtype + 1 : "?");
      return TRUE;
    }
  if (!widget && d->docmdp == 3)
    {
      diff_add (d, FALSE, page, num,
                _("An annotation (%s) that can paint over the signed content was added; the certification "
                  "allows annotations, but not this kind"), subtype ? subtype + 1 : "?");
      return FALSE;
    }
  diff_add (d, FALSE, page, num, _("An annotation (%s) was added to the page"), subtype ? subtype + 1 : "?");
  return FALSE;
}

void
rule_annots (Diff *d, BsPdfObj a, BsPdfObj b, int page, guint num)
{
  if (bs_pdf_obj_type (d->b, b) != BS_PDF_ARRAY && bs_pdf_obj_type (d->b, b) != BS_PDF_NULL)
    {
      diff_add (d, FALSE, page, num, _("The annotation list of the page was replaced"));
      return;
    }
  compare_growing_array (d, a, b, page, num, _("annotations of the page"), new_annotation_rule);
}

static void
page_key_changed (Diff *d, const char *key, BsPdfObj a, BsPdfObj b, gpointer data)
{
  int page = GPOINTER_TO_INT (data);

  if (strcmp (key, "/Annots") == 0)
    rule_annots (d, a, b, page, 0);
  else
    diff_add (d, FALSE, page, 0, _("The page entry %s changed"), key);
}

void
rule_page (Diff *d, BsPdfObj a, BsPdfObj b, int page)
{
  for_each_changed_key (d, a, b, page_key_changed, GINT_TO_POINTER (page));
}

static void
acroform_key_changed (Diff *d, const char *key, BsPdfObj a, BsPdfObj b, gpointer data)
{
  static const char * const harmless[] = { "/SigFlags", "/DR", "/DA", NULL };
  guint num = GPOINTER_TO_UINT (data);

  if (strcmp (key, "/Fields") == 0)
    rule_fields (d, a, b, num);
  /* Turning NeedAppearances off makes readers use the signed appearances;
   * only turning it on lets them draw something else. */
  else if (strcmp (key, "/NeedAppearances") == 0 && !bs_pdf_obj_bool (d->b, b))
    diff_add (d, TRUE, -1, num, _("The form no longer asks readers to redraw fields"));
  else if (key_in (key, harmless))
    diff_add (d, TRUE, -1, num, _("The form entry %s changed"), key);
  else
    diff_add (d, FALSE, -1, num, _("The form entry %s changed"), key);
}

void
rule_acroform (Diff *d, BsPdfObj a, BsPdfObj b, guint num)
{
  for_each_changed_key (d, a, b, acroform_key_changed, GUINT_TO_POINTER (num));
}

static void
catalog_key_changed (Diff *d, const char *key, BsPdfObj a, BsPdfObj b, gpointer data)
{
  /* Long-term validation data and the extension that announces it
   * (ETSI EN 319 142-1 5.4), and metadata, which draws nothing. */
  static const char * const harmless[] = { "/DSS", "/Extensions", "/Metadata", "/Version", NULL };

  if (strcmp (key, "/AcroForm") == 0)
    rule_acroform (d, a, b, 0);
  else if (key_in (key, harmless))
    diff_add (d, TRUE, -1, 0, _("The document entry %s changed"), key);
  else
    diff_add (d, FALSE, -1, 0, _("The document entry %s changed"), key);
}

void
rule_catalog (Diff *d, BsPdfObj a, BsPdfObj b)
{
  for_each_changed_key (d, a, b, catalog_key_changed, NULL);
}

/* What the rule knows about the field or annotation whose keys changed. */
typedef struct {
  Role     role;
  guint    num;
  gboolean signed_now; /* an empty signature field now holds a later signature */
  gboolean comment;    /* an annotation of a comment kind */
} FieldChange;

static void
field_key_changed (Diff *d, const char *key, BsPdfObj a, BsPdfObj b, gpointer data)
{
  const FieldChange *f = data;
  const Role role = f->role;
  const guint num = f->num;
  /* Filling a form (DocMDP P >= 2) sets values and appearances. */
  static const char * const filling[] = { "/V", "/AP", "/AS", NULL };
  int page = diff_page_of (d, num);

  /* The signature that fills the field vouches for all of its widget,
   * like a new signature field anywhere (iText also sets /F). */
  if (role == ROLE_SIG_FIELD_EMPTY && f->signed_now)
    diff_add (d, TRUE, page, num, _("An empty signature field was signed"));
  else if (role == ROLE_SIG_FIELD_EMPTY)
    diff_add (d, FALSE, page, num, _("An empty signature field changed (%s) but nobody signed it"), key);
  else if (role == ROLE_FORM_FIELD && d->docmdp >= 2 && key_in (key, filling))
    diff_add (d, TRUE, page, num, _("A form field was filled in, as the certification allows"));
  else if (role == ROLE_ANNOTATION && d->docmdp == 3 && f->comment)
    diff_add (d, TRUE, page, num, _("A comment was changed, as the certification allows"));
  else if (role == ROLE_SIG_FIELD_SIGNED)
    diff_add (d, FALSE, page, num, _("A signed signature field changed (%s)"), key);
  else
    diff_add (d, FALSE, page, num, _("A form field or annotation changed (%s)"), key);
}

void
rule_field (Diff *d, Role role, BsPdfObj a, BsPdfObj b, guint num)
{
  /* Drawing in an empty field is allowed only as part of signing it;
   * otherwise it is the sneaky signature attack on an existing field. */
  FieldChange f = { role, num, role == ROLE_SIG_FIELD_EMPTY && diff_field_signed_later (d, b),
                    role == ROLE_ANNOTATION && is_comment_annotation (d->b, b) };

  for_each_changed_key (d, a, b, field_key_changed, &f);
}
