/* bs-revision-diff.c — comparing the signed revision with the document now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-revision-diff-private.h"
#include "bs-drawn-objects.h"
#include "bs-references.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Bounds for walking structures that come from the file. */
#define MAX_TREE_DEPTH 32
#define MAX_PAGES 100000
#define MAX_ANNOTS 20000
#define MAX_COMPARED_OBJECTS 2000000
#define MAX_STRUCTURE_NODES 200000

void
bs_change_free (BsChange *change)
{
  if (change == NULL)
    return;
  g_free (change->description);
  g_free (change);
}

gboolean
bs_changes_allowed (GPtrArray *changes)
{
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    if (!((BsChange *) g_ptr_array_index (changes, i))->allowed)
      return FALSE;
  return TRUE;
}

void
diff_add (Diff *d, gboolean allowed, int page, guint object, const char *format, ...)
{
  BsChange *c = g_new0 (BsChange, 1);
  va_list args;

  va_start (args, format);
  c->description = g_strdup_vprintf (format, args);
  va_end (args);
  c->page = page;
  c->object = object;
  c->allowed = allowed;
  g_ptr_array_add (d->changes, c);
}

int
diff_page_of (Diff *d, guint num)
{
  gpointer page;

  if (g_hash_table_lookup_extended (d->pages, GUINT_TO_POINTER (num), NULL, &page))
    return GPOINTER_TO_INT (page);
  return -1;
}

gboolean
diff_is_signature_field (BsPdfDocument *doc, BsPdfObj field)
{
  for (int depth = 0; depth < MAX_TREE_DEPTH && bs_pdf_obj_type (doc, field) == BS_PDF_DICT; depth++)
    {
      if (bs_pdf_obj_has (doc, field, "/FT"))
        return bs_pdf_obj_name_is (doc, bs_pdf_obj_get (doc, field, "/FT"), "/Sig");
      field = bs_pdf_obj_get (doc, field, "/Parent");
    }
  return FALSE;
}

gboolean
diff_same_value (Diff *d, BsPdfObj a, BsPdfObj b)
{
  g_autofree char *ta = bs_pdf_obj_dup_ref_text (d->a, a);
  g_autofree char *tb = bs_pdf_obj_dup_ref_text (d->b, b);

  return g_strcmp0 (ta, tb) == 0;
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

static Role
get_role (Diff *d, guint num)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (d->roles, GUINT_TO_POINTER (num)));
}

static void
mark_annotation (Diff *d, BsPdfObj annot, int page)
{
  BsPdfDocument *a = d->a;
  gboolean widget = bs_pdf_obj_name_is (a, bs_pdf_obj_get (a, annot, "/Subtype"), "/Widget");
  BsPdfObj field = bs_pdf_obj_has (a, annot, "/T") || !bs_pdf_obj_has (a, annot, "/Parent")
                   ? annot : bs_pdf_obj_get (a, annot, "/Parent");
  gboolean signed_value = bs_pdf_obj_type (a, bs_pdf_obj_get (a, field, "/V")) == BS_PDF_DICT;
  Role role = ROLE_ANNOTATION;

  if (widget && diff_is_signature_field (a, annot))
    {
      role = signed_value ? ROLE_SIG_FIELD_SIGNED : ROLE_SIG_FIELD_EMPTY;
      if (signed_value)
        set_role (d, bs_pdf_obj_get (a, field, "/V"), ROLE_SIG_DICT, page);
      else
        {
          BsPdfObj appearance = bs_pdf_obj_get (a, bs_pdf_obj_get (a, annot, "/AP"), "/N");
          set_role (d, appearance, ROLE_EMPTY_SIG_APPEARANCE, page);
          if (bs_pdf_obj_num (a, appearance) != 0)
            g_hash_table_insert (d->owners, GUINT_TO_POINTER (bs_pdf_obj_num (a, appearance)),
                                 GUINT_TO_POINTER (bs_pdf_obj_num (a, annot)));
        }
    }
  else if (widget)
    role = ROLE_FORM_FIELD;
  set_role (d, annot, role, page);
  if (field != annot)
    set_role (d, field, role, page);
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
        mark_annotation (d, bs_pdf_obj_at (a, annots, j), i);
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
mark_roles (Diff *d)
{
  BsPdfDocument *a = d->a;
  BsPdfObj root = bs_pdf_root (a);
  BsPdfObj form = bs_pdf_obj_get (a, root, "/AcroForm");
  BsPdfObj dss = bs_pdf_obj_get (a, root, "/DSS");
  static const char * const dss_parts[] = { "/VRI", "/Certs", "/OCSPs", "/CRLs", NULL };

  set_role (d, bs_pdf_obj_get (a, root, "/Pages"), ROLE_PAGES_NODE, -1);
  set_role (d, bs_pdf_obj_get (a, bs_pdf_trailer (a), "/Info"), ROLE_INFO, -1);
  set_role (d, bs_pdf_obj_get (a, root, "/Metadata"), ROLE_METADATA, -1);
  set_role (d, dss, ROLE_DSS, -1);
  for (const char * const *k = dss_parts; *k; k++)
    set_role (d, bs_pdf_obj_get (a, dss, *k), ROLE_DSS, -1);
  mark_pages (d);
  set_role (d, form, ROLE_ACROFORM, -1);
  set_role (d, bs_pdf_obj_get (a, form, "/Fields"), ROLE_FIELDS, -1);
  set_role (d, root, ROLE_CATALOG, -1);
  {
    guint budget = MAX_STRUCTURE_NODES;
    mark_structure (d, bs_pdf_obj_get (a, root, "/StructTreeRoot"), 0, &budget);
  }
}

static gboolean
is_structural (BsPdfDocument *doc, BsPdfObj obj)
{
  BsPdfObj type = bs_pdf_obj_get (doc, obj, "/Type");

  return bs_pdf_obj_type (doc, obj) == BS_PDF_STREAM
         && (bs_pdf_obj_name_is (doc, type, "/XRef") || bs_pdf_obj_name_is (doc, type, "/ObjStm"));
}

static gboolean
same_object (Diff *d, BsPdfObj a, BsPdfObj b)
{
  g_autofree char *ta = bs_pdf_obj_dup_unparse (d->a, a);
  g_autofree char *tb = bs_pdf_obj_dup_unparse (d->b, b);
  g_autoptr(GBytes) sa = NULL;
  g_autoptr(GBytes) sb = NULL;

  if (bs_pdf_obj_type (d->a, a) != bs_pdf_obj_type (d->b, b) || g_strcmp0 (ta, tb) != 0)
    return FALSE;
  if (bs_pdf_obj_type (d->a, a) != BS_PDF_STREAM)
    return TRUE;
  sa = bs_pdf_obj_dup_stream_raw (d->a, a);
  sb = bs_pdf_obj_dup_stream_raw (d->b, b);
  return sa != NULL && sb != NULL && g_bytes_equal (sa, sb);
}

/* What the signed versions of the objects redefined since refer to. A
 * walk cut short counts as referring to everything. */
static gboolean
old_versions_refer_to (Diff *d, guint num)
{
  if (d->old_refs == NULL)
    {
      GHashTableIter iter;
      gpointer key;

      d->old_refs = g_hash_table_new (NULL, NULL);
      d->old_refs_complete = TRUE;
      g_hash_table_iter_init (&iter, d->redefined);
      while (d->old_refs_complete && g_hash_table_iter_next (&iter, &key, NULL))
        d->old_refs_complete = bs_references_of (d->a, bs_pdf_object_numbered (d->a, GPOINTER_TO_UINT (key)),
                                                 d->old_refs);
    }
  return !d->old_refs_complete || g_hash_table_contains (d->old_refs, GUINT_TO_POINTER (num));
}

/* Whether the signed revision referred to object @num: an object it had
 * and no update redefined refers to it now (the final document's index),
 * or the signed version of a redefined one did. With qpdf's count instead
 * (no index), first_new already lies past every such number. */
static gboolean
referred_to_when_signed (Diff *d, guint num)
{
  GArray *referrers;

  if (d->listed == NULL)
    return FALSE;
  referrers = g_hash_table_lookup (d->referrers, GUINT_TO_POINTER (num));
  for (guint i = 0; referrers != NULL && i < referrers->len; i++)
    {
      gpointer r = GUINT_TO_POINTER (g_array_index (referrers, guint, i));
      gpointer gen;
      if (g_hash_table_lookup_extended (d->listed, r, NULL, &gen) && GPOINTER_TO_UINT (gen) != BS_XREF_FREE
          && !g_hash_table_contains (d->redefined, r))
        return TRUE;
    }
  return old_versions_refer_to (d, num);
}

static void
judge_new_object (Diff *d, BsPdfObj b, guint num)
{
  BsPdfObj type = bs_pdf_obj_get (d->b, b, "/Type");

  /* New numbers past the signed revision's last object are judged through
   * whatever references them — unless what was signed already referred to
   * them (a dangling reference, null when signing, filled in later). A
   * number that was free when signing is such a target too. */
  if (num >= d->first_new && !referred_to_when_signed (d, num))
    return;
  if (bs_pdf_obj_name_is (d->b, type, "/Sig") || bs_pdf_obj_name_is (d->b, type, "/DocTimeStamp"))
    diff_add (d, TRUE, -1, num, _("A signature value was added"));
  else
    diff_add (d, FALSE, diff_page_of (d, num), num,
              _("Object %u, absent when the document was signed, now exists"), num);
}

/* Whether the walk from the signed pages (in *@set, computed once, on
 * demand: most updates change no object whose role makes it harmless)
 * reaches object @num. A walk cut short counts every object as reached. */
static gboolean
walk_reaches (Diff *d, GHashTable **set, gboolean *complete, gboolean with_annotations, guint num)
{
  if (*set == NULL)
    *set = bs_drawn_objects (d->a, with_annotations, complete);
  return !*complete || g_hash_table_contains (*set, GUINT_TO_POINTER (num));
}

/* Drawn by the pages or their annotations. */
static gboolean
is_drawn (Diff *d, guint num)
{
  return walk_reaches (d, &d->drawn, &d->drawn_complete, TRUE, num);
}

/* Drawn by the pages themselves, not only by an annotation. */
static gboolean
is_page_content (Diff *d, guint num)
{
  return walk_reaches (d, &d->content, &d->content_complete, FALSE, num);
}

/* The appearance stream of a field that was empty when signing may be
 * redrawn by the signature that fills the field, and by nothing else. */
static void
judge_empty_field_appearance (Diff *d, guint num, int page)
{
  guint owner = GPOINTER_TO_UINT (g_hash_table_lookup (d->owners, GUINT_TO_POINTER (num)));
  BsPdfObj widget = owner ? bs_pdf_object_numbered (d->b, owner) : bs_pdf_null (d->b);

  if (owner == 0 || !diff_field_signed_later (d, widget))
    diff_add (d, FALSE, page, num, _("The appearance of an empty signature field changed but nobody signed it"));
  else if (is_page_content (d, num))
    diff_add (d, FALSE, page, num, _("A signature redrew its field's appearance, which the page itself also draws"));
  else
    diff_add (d, TRUE, page, num, _("The appearance of a signature field was drawn by its signature"));
}

/* Roles whose changes draw nothing, unless the object is also page content. */
static gboolean
role_is_harmless (Role role)
{
  return role == ROLE_INFO || role == ROLE_METADATA || role == ROLE_STRUCTURE || role == ROLE_DSS;
}

/* A dictionary of strings only (what /Info holds) cannot be a resource
 * map, a content stream or an action: no walk needed (iText rewrites
 * /Info with every signature). */
static gboolean
holds_only_strings (BsPdfDocument *doc, BsPdfObj dict)
{
  g_auto(GStrv) keys = bs_pdf_obj_dup_keys (doc, dict);

  if (bs_pdf_obj_type (doc, dict) != BS_PDF_DICT)
    return FALSE;
  for (char **k = keys; *k != NULL; k++)
    if (bs_pdf_obj_type (doc, bs_pdf_obj_get (doc, dict, *k)) != BS_PDF_STRING)
      return FALSE;
  return TRUE;
}

static gboolean
may_be_page_content (Diff *d, guint num, Role role, BsPdfObj a, BsPdfObj b)
{
  if (role == ROLE_INFO && holds_only_strings (d->a, a) && holds_only_strings (d->b, b))
    return FALSE;
  return is_drawn (d, num);
}

static void
judge_changed (Diff *d, guint num, BsPdfObj a, BsPdfObj b)
{
  Role role = get_role (d, num);
  int page = diff_page_of (d, num);

  if (role_is_harmless (role) && may_be_page_content (d, num, role, a, b))
    role = ROLE_NONE;

  switch (role)
    {
    case ROLE_CATALOG:
      rule_catalog (d, a, b);
      break;
    case ROLE_ACROFORM:
      rule_acroform (d, a, b, num);
      break;
    case ROLE_FIELDS:
      rule_fields (d, a, b, num);
      break;
    case ROLE_PAGE:
      rule_page (d, a, b, page);
      break;
    case ROLE_ANNOTS:
      rule_annots (d, a, b, page, num);
      break;
    case ROLE_FORM_FIELD:
    case ROLE_SIG_FIELD_EMPTY:
    case ROLE_SIG_FIELD_SIGNED:
    case ROLE_ANNOTATION:
      rule_field (d, role, a, b, num);
      break;
    case ROLE_INFO:
    case ROLE_METADATA:
      diff_add (d, TRUE, -1, num, _("The document information (metadata) changed"));
      break;
    case ROLE_STRUCTURE:
      diff_add (d, TRUE, -1, num, _("The document structure (accessibility tags) was updated"));
      break;
    case ROLE_DSS:
      diff_add (d, TRUE, page, num, _("Validation data was updated"));
      break;
    case ROLE_EMPTY_SIG_APPEARANCE:
      judge_empty_field_appearance (d, num, page);
      break;
    case ROLE_SIG_DICT:
      diff_add (d, FALSE, page, num, _("The value of an existing signature was replaced"));
      break;
    case ROLE_PAGES_NODE:
      diff_add (d, FALSE, -1, num, _("The page tree changed"));
      break;
    case ROLE_NONE:
    default:
      diff_add (d, FALSE, page, num, _("Object %u, part of the signed content, changed"), num);
      break;
    }
}

static void
compare_object (Diff *d, guint num)
{
  BsPdfObj a = bs_pdf_object_numbered (d->a, num);
  BsPdfObj b = bs_pdf_object_numbered (d->b, num);
  gboolean in_a = bs_pdf_obj_type (d->a, a) != BS_PDF_NULL;
  gboolean in_b = bs_pdf_obj_type (d->b, b) != BS_PDF_NULL;

  if ((in_a && is_structural (d->a, a)) || (in_b && is_structural (d->b, b)))
    return;
  if (!in_a && in_b)
    judge_new_object (d, b, num);
  else if (in_a && !in_b)
    diff_add (d, FALSE, diff_page_of (d, num), num, _("Object %u was deleted after signing"), num);
  else if (in_a && !same_object (d, a, b))
    judge_changed (d, num, a, b);
}

/* Without readable xref sections every object is compared. */
static GArray *
all_objects (Diff *d)
{
  GArray *nums = g_array_new (FALSE, FALSE, sizeof (guint));
  guint last = MIN (MAX (bs_pdf_max_object_number (d->a), bs_pdf_max_object_number (d->b)),
                    MAX_COMPARED_OBJECTS);

  for (guint num = 1; num < last; num++)
    g_array_append_val (nums, num);
  return nums;
}

/* Objects that sections newer than the signed one define, each once. */
static GArray *
redefined_objects (GPtrArray *chain, guint newer_sections)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *nums = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < newer_sections; i++)
    {
      BsXrefSection *s = g_ptr_array_index (chain, i);
      for (guint j = 0; j < s->objects->len; j++)
        {
          guint num = g_array_index (s->objects, guint, j);
          if (num != 0 && g_hash_table_add (seen, GUINT_TO_POINTER (num)))
            g_array_append_val (nums, num);
        }
    }
  return nums;
}

/* Each object's generation as the signed revision lists it: the newest
 * entry at or before that revision wins. */
static GHashTable *
signed_generations (GPtrArray *chain, guint signed_section)
{
  GHashTable *gens = g_hash_table_new (NULL, NULL);

  for (guint i = signed_section; i < chain->len; i++)
    {
      BsXrefSection *s = g_ptr_array_index (chain, i);
      for (guint j = 0; j < s->objects->len; j++)
        {
          gpointer num = GUINT_TO_POINTER (g_array_index (s->objects, guint, j));
          if (!g_hash_table_contains (gens, num))
            g_hash_table_insert (gens, num, GUINT_TO_POINTER (g_array_index (s->generations, guint, j)));
        }
    }
  return gens;
}

/* A later entry that lists a live object under another generation makes
 * readers disagree: qpdf keeps resolving the signed "N 0 R", Poppler
 * follows the newest entry and finds nothing (or the new copy). Nothing a
 * signer's update needs to do, so it is never allowed. */
static void
compare_generations (Diff *d, GPtrArray *chain, guint signed_section, GHashTable *old)
{
  for (guint i = 0; i < signed_section; i++)
    {
      BsXrefSection *s = g_ptr_array_index (chain, i);
      for (guint j = 0; j < s->objects->len; j++)
        {
          guint num = g_array_index (s->objects, guint, j);
          guint gen = g_array_index (s->generations, guint, j);
          gpointer was;
          if (num != 0 && gen != BS_XREF_FREE
              && g_hash_table_lookup_extended (old, GUINT_TO_POINTER (num), NULL, &was)
              && GPOINTER_TO_UINT (was) != BS_XREF_FREE && GPOINTER_TO_UINT (was) != gen)
            {
              diff_add (d, FALSE, diff_page_of (d, num), num,
                        _("Object %u was written again under another generation number, which readers resolve differently"),
                        num);
              return;
            }
        }
    }
}

static void
compare_roots (Diff *d)
{
  BsPdfObj ra = bs_pdf_root (d->a);
  BsPdfObj rb = bs_pdf_root (d->b);

  /* A new catalog object is compared as the catalog, key by key. */
  if (bs_pdf_obj_num (d->a, ra) != bs_pdf_obj_num (d->b, rb))
    {
      diff_add (d, TRUE, -1, bs_pdf_obj_num (d->b, rb), _("The document catalog was rewritten"));
      rule_catalog (d, ra, rb);
    }
}

static void
compare_page_lists (Diff *d)
{
  int na = bs_pdf_document_get_n_pages (d->a);
  int nb = bs_pdf_document_get_n_pages (d->b);

  if (na != nb)
    {
      diff_add (d, FALSE, -1, 0, _("The number of pages changed from %d to %d"), na, nb);
      return;
    }
  for (int i = 0; i < na && i < MAX_PAGES; i++)
    if (bs_pdf_obj_num (d->a, bs_pdf_page_object (d->a, i)) != bs_pdf_obj_num (d->b, bs_pdf_page_object (d->b, i)))
      {
        diff_add (d, FALSE, i, 0, _("Page %d was replaced by another page"), i + 1);
        return;
      }
}

static guint
find_signed_section (GPtrArray *chain, guint64 signed_startxref)
{
  for (guint i = 0; i < chain->len; i++)
    if (((BsXrefSection *) g_ptr_array_index (chain, i))->offset == signed_startxref)
      return i;
  return G_MAXUINT;
}

/* One past the largest object number the signed sections list. */
static guint
first_unlisted (GHashTable *listed)
{
  GHashTableIter iter;
  gpointer key;
  guint max = 0;

  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    max = MAX (max, GPOINTER_TO_UINT (key));
  return max + 1;
}

static GHashTable *
number_set (GArray *nums)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < nums->len; i++)
    g_hash_table_add (set, GUINT_TO_POINTER (g_array_index (nums, guint, i)));
  return set;
}

GPtrArray *
bs_revision_diff (BsPdfDocument *signed_doc, BsPdfDocument *final_doc, GPtrArray *chain,
                  guint64 signed_startxref, guint64 signed_end, int docmdp, GHashTable *referrers)
{
  Diff d = { .a = signed_doc, .b = final_doc, .docmdp = docmdp, .signed_end = signed_end,
             .roles = g_hash_table_new (NULL, NULL), .pages = g_hash_table_new (NULL, NULL),
             .owners = g_hash_table_new (NULL, NULL),
             .changes = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_change_free) };
  guint newer = chain ? find_signed_section (chain, signed_startxref) : 0;
  g_autoptr(GArray) nums = NULL;

  mark_roles (&d);
  if (chain == NULL)
    nums = all_objects (&d);
  else if (newer == G_MAXUINT)
    {
      /* The update chain no longer reaches what was signed: readers see a
       * different document built from other cross-reference data. */
      diff_add (&d, FALSE, -1, 0, _("The signed revision is no longer part of the document's update history"));
      nums = redefined_objects (chain, chain->len);
    }
  else
    {
      nums = redefined_objects (chain, newer);
      d.listed = signed_generations (chain, newer);
      compare_generations (&d, chain, newer, d.listed);
    }
  d.redefined = number_set (nums);
  if (d.listed != NULL && referrers != NULL)
    {
      d.referrers = referrers;
      d.first_new = first_unlisted (d.listed);
    }
  else
    {
      g_clear_pointer (&d.listed, g_hash_table_unref);
      /* qpdf numbers a new object past every listed and every dangling one. */
      d.first_new = bs_pdf_max_object_number (signed_doc);
    }
  for (guint i = 0; i < nums->len; i++)
    compare_object (&d, g_array_index (nums, guint, i));
  compare_roots (&d);
  compare_page_lists (&d);
  g_hash_table_unref (d.roles);
  g_hash_table_unref (d.pages);
  g_hash_table_unref (d.owners);
  g_hash_table_unref (d.redefined);
  g_clear_pointer (&d.listed, g_hash_table_unref);
  g_clear_pointer (&d.old_refs, g_hash_table_unref);
  g_clear_pointer (&d.drawn, g_hash_table_unref);
  g_clear_pointer (&d.content, g_hash_table_unref);
  return d.changes;
}
