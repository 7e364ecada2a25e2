/* bs-revision-diff.c — comparing the signed revision with the document now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-revision-diff-private.h"
#include "bs-drawn-objects.h"
#include "bs-pdf-compare.h"
#include "bs-references.h"
#include "bs-signature-fields.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Bounds for walking structures that come from the file. */
#define MAX_COMPARED_OBJECTS 2000000
#define MAX_PAGES 100000

gboolean
diff_same_value (Diff *d, BsPdfObj a, BsPdfObj b)
{
  return bs_pdf_obj_equal (d->a, a, d->b, b, FALSE);
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
  return bs_pdf_obj_equal (d->a, a, d->b, b, TRUE);
}

static void
judge_new_object (Diff *d, BsPdfObj b, guint num)
{
  BsPdfObj type = bs_pdf_obj_get (d->b, b, "/Type");

  /* New numbers past the signed revision's last object are judged through
   * whatever references them — unless what was signed already referred to
   * them (a dangling reference, null when signing, filled in later). A
   * number that was free when signing is such a target too. */
  if (num >= d->first_new && !diff_referred_when_signed (d, num))
    return;
  if (bs_pdf_obj_name_is (d->b, type, "/DocTimeStamp"))
    diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, num, _("A signature value was added"));
  else if (bs_pdf_obj_name_is (d->b, type, "/Sig"))
    diff_change (d, BS_CHANGE_SIGNING, NULL, -1, num, _("A signature value was added"));
  else
    diff_change (d, BS_CHANGE_FORBIDDEN, NULL, diff_page_of (d, num), num,
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

gboolean
diff_is_drawn (Diff *d, guint num)
{
  return walk_reaches (d, &d->drawn, &d->drawn_complete, TRUE, num);
}

gboolean
diff_is_page_content (Diff *d, guint num)
{
  return walk_reaches (d, &d->content, &d->content_complete, FALSE, num);
}

/* The appearance stream of a field that was empty when signing may be
 * redrawn by the signature that fills the field, and by nothing else:
 * where the page, the catalog or another annotation also shows that
 * stream, redrawing it changes what they show (the "sneaky signature"). */
static void
judge_empty_field_appearance (Diff *d, guint num, int page)
{
  guint owner = GPOINTER_TO_UINT (g_hash_table_lookup (d->owners, GUINT_TO_POINTER (num)));
  BsPdfObj widget = owner ? bs_pdf_object_numbered (d->b, owner) : bs_pdf_null (d->b);
  const char *field = diff_field_name (d, owner);

  if (owner == 0 || !diff_field_signed_later (d, widget))
    diff_change (d, BS_CHANGE_FORBIDDEN, field, page, num,
                 _("The appearance of an empty signature field changed but nobody signed it"));
  else if (diff_shared_beyond (d, num, owner))
    diff_change (d, BS_CHANGE_FORBIDDEN, field, page, num,
                 _("A signature redrew its field's appearance, which something else in the document also shows"));
  else
    diff_change (d, BS_CHANGE_SIGNING, field, page, num, _("The appearance of a signature field was drawn by its signature"));
}

/* A form field's appearance is redrawn when the field is filled in. */
static void
judge_field_appearance (Diff *d, guint num, int page)
{
  guint owner = GPOINTER_TO_UINT (g_hash_table_lookup (d->owners, GUINT_TO_POINTER (num)));
  const char *field = diff_field_name (d, owner);

  if (diff_shared_beyond (d, num, owner))
    diff_change (d, BS_CHANGE_FORBIDDEN, field, page, num,
                 _("A form field's appearance changed, which something else in the document also shows"));
  else
    diff_change (d, BS_CHANGE_FORM_FILL, field, page, num, _("A form field's appearance was redrawn"));
}

/* A prepared signature field's placeholder value is filled in by the
 * signature that signs the field. */
static void
judge_placeholder (Diff *d, guint num, BsPdfObj b, int page)
{
  guint owner = GPOINTER_TO_UINT (g_hash_table_lookup (d->owners, GUINT_TO_POINTER (num)));
  const char *field = diff_field_name (d, owner);

  if (bs_sig_value_is_signature (d->b, b) && diff_signs_later (d, b))
    diff_change (d, BS_CHANGE_SIGNING, field, page, num, _("A prepared signature field was signed"));
  else
    diff_change (d, BS_CHANGE_FORBIDDEN, field, page, num,
                 _("The placeholder of a prepared signature field changed but nobody signed it"));
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
  return diff_is_drawn (d, num);
}

static void
judge_changed (Diff *d, guint num, BsPdfObj a, BsPdfObj b, const RawPair *raw)
{
  Role role = diff_role_of (d, num);
  int page = diff_page_of (d, num);

  if (role_is_harmless (role) && may_be_page_content (d, num, role, a, b))
    role = ROLE_NONE;

  switch (role)
    {
    case ROLE_CATALOG:
      rule_catalog (d, a, b, raw);
      break;
    case ROLE_ACROFORM:
      rule_acroform (d, a, b, num, raw);
      break;
    case ROLE_FIELDS:
      rule_fields (d, a, b, num);
      break;
    case ROLE_PAGE:
      rule_page (d, a, b, page, raw);
      break;
    case ROLE_ANNOTS:
      rule_annots (d, a, b, page, num);
      break;
    case ROLE_FORM_FIELD:
    case ROLE_SIG_FIELD_EMPTY:
    case ROLE_SIG_FIELD_SIGNED:
    case ROLE_ANNOTATION:
      rule_field (d, role, a, b, num, raw);
      break;
    case ROLE_INFO:
    case ROLE_METADATA:
      diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, num, _("The document information (metadata) changed"));
      break;
    case ROLE_STRUCTURE:
      diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, num, _("The document structure (accessibility tags) was updated"));
      break;
    case ROLE_DSS:
      diff_change (d, BS_CHANGE_ALWAYS, NULL, page, num, _("Validation data was updated"));
      break;
    case ROLE_EMPTY_SIG_APPEARANCE:
      judge_empty_field_appearance (d, num, page);
      break;
    case ROLE_FIELD_APPEARANCE:
      judge_field_appearance (d, num, page);
      break;
    case ROLE_SIG_PLACEHOLDER:
      judge_placeholder (d, num, b, page);
      break;
    case ROLE_SIG_DICT:
      diff_change (d, BS_CHANGE_FORBIDDEN, NULL, page, num, _("The value of an existing signature was replaced"));
      break;
    case ROLE_PAGES_NODE:
      diff_change (d, BS_CHANGE_FORBIDDEN, NULL, -1, num, _("The page tree changed"));
      break;
    case ROLE_NONE:
    default:
      diff_change (d, BS_CHANGE_FORBIDDEN, NULL, page, num, _("Object %u, part of the signed content, changed"), num);
      break;
    }
}

/* Validation data may be freed by a later validation update that writes
 * it anew; anything else the signed revision had must stay. */
static void
judge_deleted (Diff *d, guint num)
{
  if (diff_role_of (d, num) == ROLE_DSS && !diff_is_drawn (d, num))
    diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, num, _("Validation data was replaced"));
  else
    diff_change (d, BS_CHANGE_FORBIDDEN, NULL, diff_page_of (d, num), num, _("Object %u was deleted after signing"), num);
}

/* Where object @num is defined in @positions' revision, as raw bytes. */
static gboolean
raw_body (Diff *d, GHashTable *positions, guint num, BsRawSpan *body)
{
  gpointer at;

  return d->file != NULL && positions != NULL
         && g_hash_table_lookup_extended (positions, GUINT_TO_POINTER (num), NULL, &at) && at != NULL
         && bs_pdf_raw_object_body (d->file, d->file_len, GPOINTER_TO_SIZE (at), num, body);
}

/* Roles whose objects the rules compare key by key. */
static gboolean
role_has_key_rules (Role role)
{
  return role == ROLE_CATALOG || role == ROLE_ACROFORM || role == ROLE_PAGE || role == ROLE_FORM_FIELD
         || role == ROLE_SIG_FIELD_EMPTY || role == ROLE_SIG_FIELD_SIGNED || role == ROLE_ANNOTATION;
}

/* Written with the same tokens (and, for a stream, the same data). */
static gboolean
raw_same (Diff *d, const RawPair *raw, BsPdfObj a, BsPdfObj b)
{
  g_autoptr(GBytes) sa = NULL;
  g_autoptr(GBytes) sb = NULL;

  if (!bs_pdf_raw_tokens_equal (d->file, raw->a, d->file, raw->b))
    return FALSE;
  if (bs_pdf_obj_type (d->a, a) != BS_PDF_STREAM && bs_pdf_obj_type (d->b, b) != BS_PDF_STREAM)
    return TRUE;
  sa = bs_pdf_obj_dup_stream_raw (d->a, a);
  sb = bs_pdf_obj_dup_stream_raw (d->b, b);
  return sa != NULL && sb != NULL && g_bytes_equal (sa, sb);
}

static void
compare_versions (Diff *d, guint num, BsPdfObj a, BsPdfObj b)
{
  RawPair raw;
  gboolean known = raw_body (d, d->signed_positions, num, &raw.a) && raw_body (d, d->final_positions, num, &raw.b);
  Role role = diff_role_of (d, num);

  if (known && raw_same (d, &raw, a, b))
    return;
  /* The rules compare what differs key by key: no need for qpdf to read
   * (and resolve) the whole object first. */
  if (known && role_has_key_rules (role) && bs_pdf_obj_type (d->a, a) == BS_PDF_DICT
      && bs_pdf_obj_type (d->b, b) == BS_PDF_DICT)
    judge_changed (d, num, a, b, &raw);
  else if (!same_object (d, a, b))
    judge_changed (d, num, a, b, known ? &raw : NULL);
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
    judge_deleted (d, num);
  else if (in_a)
    compare_versions (d, num, a, b);
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
/* Objects that sections @from .. @to - 1 (newest first) define, each once. */
static GArray *
redefined_objects (GPtrArray *chain, guint from, guint to)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *nums = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = from; i < to; i++)
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

/* Each object's generation (and, in *@positions, the offset of its
 * definition, 0 when compressed) as the sections from @from on list it:
 * the newest entry wins. */
static GHashTable *
listed_generations (GPtrArray *chain, guint from, GHashTable **positions)
{
  GHashTable *gens = g_hash_table_new (NULL, NULL);

  *positions = g_hash_table_new (NULL, NULL);
  for (guint i = from; i < chain->len; i++)
    {
      BsXrefSection *s = g_ptr_array_index (chain, i);
      for (guint j = 0; j < s->objects->len; j++)
        {
          gpointer num = GUINT_TO_POINTER (g_array_index (s->objects, guint, j));
          if (g_hash_table_contains (gens, num))
            continue;
          g_hash_table_insert (gens, num, GUINT_TO_POINTER (g_array_index (s->generations, guint, j)));
          g_hash_table_insert (*positions, num, GSIZE_TO_POINTER ((gsize) g_array_index (s->positions, guint64, j)));
        }
    }
  return gens;
}

/* A later entry that lists a live object under another generation makes
 * readers disagree: qpdf keeps resolving the signed "N 0 R", Poppler
 * follows the newest entry and finds nothing (or the new copy). Nothing a
 * signer's update needs to do, so it is never allowed. */
static void
compare_generations (Diff *d, GPtrArray *chain, guint from, guint signed_section, GHashTable *old)
{
  for (guint i = from; i < signed_section; i++)
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
              diff_change (d, BS_CHANGE_FORBIDDEN, NULL, diff_page_of (d, num), num,
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
      diff_change (d, BS_CHANGE_ALWAYS, NULL, -1, bs_pdf_obj_num (d->b, rb), _("The document catalog was rewritten"));
      rule_catalog (d, ra, rb, NULL);
    }
}

static void
compare_page_lists (Diff *d)
{
  int na = bs_pdf_document_get_n_pages (d->a);
  int nb = bs_pdf_document_get_n_pages (d->b);

  if (na != nb)
    {
      diff_change (d, BS_CHANGE_FORBIDDEN, NULL, -1, 0, _("The number of pages changed from %d to %d"), na, nb);
      return;
    }
  for (int i = 0; i < na && i < MAX_PAGES; i++)
    if (bs_pdf_obj_num (d->a, bs_pdf_page_object (d->a, i)) != bs_pdf_obj_num (d->b, bs_pdf_page_object (d->b, i)))
      {
        diff_change (d, BS_CHANGE_FORBIDDEN, NULL, i, 0, _("Page %d was replaced by another page"), i + 1);
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
bs_revision_diff (const BsRevisionDiffInput *in)
{
  BsPdfDocument *signed_doc = in->signed_doc;
  GPtrArray *chain = in->chain;
  GHashTable *referrers = in->referrers;
  Diff d = { .a = in->signed_doc, .b = in->final_doc, .level = diff_permission_level (in->docmdp, in->locks),
             .docmdp = in->docmdp, .locks = in->locks, .signature_cache = in->signature_cache,
             .references_cache = in->references_cache, .signed_end = in->signed_end, .file = in->file, .file_len = in->file_len,
             .roles = g_hash_table_new (NULL, NULL), .pages = g_hash_table_new (NULL, NULL),
             .names = g_hash_table_new_full (NULL, NULL, NULL, g_free), .owners = g_hash_table_new (NULL, NULL),
             .changes = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_change_free) };
  guint newer = chain ? find_signed_section (chain, in->signed_startxref) : 0;
  /* Comparing with a later revision rather than the document now: only
   * the sections from that revision's own down to the signed one's. */
  guint later = chain && in->later_startxref ? find_signed_section (chain, in->later_startxref) : 0;
  g_autoptr(GArray) nums = NULL;

  if (chain == NULL)
    nums = all_objects (&d);
  else if (newer == G_MAXUINT || later == G_MAXUINT || later > newer)
    {
      /* The update chain no longer reaches what was signed: readers see a
       * different document built from other cross-reference data. */
      diff_change (&d, BS_CHANGE_FORBIDDEN, NULL, -1, 0,
                   _("The signed revision is no longer part of the document's update history"));
      nums = redefined_objects (chain, 0, chain->len);
      later = newer = G_MAXUINT;
    }
  else
    {
      nums = redefined_objects (chain, later, newer);
      d.listed = listed_generations (chain, newer, &d.signed_positions);
      if (d.file != NULL)
        g_hash_table_unref (listed_generations (chain, later, &d.final_positions));
    }
  if (d.listed != NULL)
    {
      g_autoptr(GArray) since = redefined_objects (chain, 0, newer);
      d.redefined = number_set (since);
      d.compared = number_set (nums);
    }
  else
    d.redefined = number_set (nums);
  diff_mark_roles (&d);
  if (d.listed != NULL)
    compare_generations (&d, chain, later, newer, d.listed);
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
  g_hash_table_unref (d.names);
  g_hash_table_unref (d.owners);
  g_hash_table_unref (d.redefined);
  g_clear_pointer (&d.compared, g_hash_table_unref);
  g_clear_pointer (&d.listed, g_hash_table_unref);
  g_clear_pointer (&d.signed_positions, g_hash_table_unref);
  g_clear_pointer (&d.final_positions, g_hash_table_unref);
  g_clear_pointer (&d.old_refs, g_hash_table_unref);
  g_clear_pointer (&d.drawn, g_hash_table_unref);
  g_clear_pointer (&d.content, g_hash_table_unref);
  return d.changes;
}
