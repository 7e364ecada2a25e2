/* bs-signature-details.c — see bs-signature-details.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-signature-details.h"
#include "bs-certificate-chain.h"
#include "bs-fact-grid.h"
#include "bs-signature-facts.h"

#include <glib/gi18n.h>

struct _BsSignatureDetails {
  BsDialog               parent_instance;

  /* Borrowed: the verification page's report outlives the dialog */
  const BsVerifyReport  *report;
};

enum { SIGNAL_COMPARE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BsSignatureDetails, bs_signature_details, BS_TYPE_DIALOG)

static const BsSignatureReport *
signature_at (BsSignatureDetails *self, guint index)
{
  return index < self->report->signatures->len ? g_ptr_array_index (self->report->signatures, index) : NULL;
}

static void
chain_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsSignatureDetails *self = BS_SIGNATURE_DETAILS (widget);
  const BsSignatureReport *sig = signature_at (self, g_variant_get_uint32 (param));
  GtkWidget *chain;

  if (sig == NULL)
    return;
  chain = bs_certificate_chain_new (bs_dialog_get_context (BS_DIALOG (self)), bs_signature_title (sig),
                                    bs_signature_chain (sig));
  gtk_window_set_transient_for (GTK_WINDOW (chain), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (chain));
}

static void
compare_action (GtkWidget *widget, const char *action, GVariant *param)
{
  g_signal_emit (widget, signals[SIGNAL_COMPARE], 0, g_variant_get_uint32 (param));
}

static void
add_fact (GtkWidget *grid, const char *label, void (*read) (const BsSignatureReport *, BsFact *),
          const BsSignatureReport *sig)
{
  g_auto(BsFact) fact = { 0 };

  read (sig, &fact);
  bs_fact_grid_add (grid, label, &fact);
}

static void
add_changes (GtkWidget *grid, const BsSignatureReport *sig)
{
  g_autoptr(GArray) changes = bs_signature_changes (sig);

  for (guint i = 0; i < changes->len; i++)
    bs_fact_grid_add (grid, i == 0 ? _("Changes after signing") : "", &g_array_index (changes, BsFact, i));
}

static void
add_problems (GtkWidget *grid, const BsSignatureReport *sig)
{
  GPtrArray *problems = bs_signature_problems (sig);

  for (guint i = 0; i < problems->len; i++)
    {
      BsFact fact = { BS_FACT_BAD, g_ptr_array_index (problems, i) };
      bs_fact_grid_add (grid, i == 0 ? _("Problems found") : "", &fact);
    }
}

static GtkWidget *
facts_of (const BsSignatureReport *sig)
{
  GtkWidget *grid = bs_fact_grid_new ();
  g_autofree char *format = bs_signature_format (sig);

  if (!bs_signature_is_timestamp (sig))
    bs_fact_grid_add_text (grid, _("Signer"), bs_signature_title (sig));
  add_fact (grid, bs_signature_is_timestamp (sig) ? _("Time-stamped at") : _("Signed at"), bs_signature_time, sig);
  add_fact (grid, _("Integrity"), bs_signature_integrity, sig);
  add_fact (grid, _("Certificate"), bs_signature_trust, sig);
  add_fact (grid, _("Revocation"), bs_signature_revocation, sig);
  add_changes (grid, sig);
  if (bs_signature_reason (sig) != NULL)
    bs_fact_grid_add_text (grid, _("Reason"), bs_signature_reason (sig));
  if (bs_signature_location (sig) != NULL)
    bs_fact_grid_add_text (grid, _("Location"), bs_signature_location (sig));
  bs_fact_grid_add_text (grid, _("Field"), bs_signature_field_name (sig));
  bs_fact_grid_add_text (grid, _("Format"), format);
  add_problems (grid, sig);
  return grid;
}

static GtkWidget *
index_button (const char *label, const char *action, guint index)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  return button;
}

static GtkWidget *
heading_of (const BsSignatureReport *sig)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_auto(BsFact) verdict = { 0 };
  g_autofree char *title = bs_signature_is_timestamp (sig)
                           ? g_strdup_printf (_("Document time-stamp by %s"), bs_signature_title (sig))
                           : g_strdup_printf (_("Signed by %s"), bs_signature_title (sig));
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *state;

  bs_signature_verdict (sig, &verdict);
  state = gtk_label_new (verdict.text);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), state);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (bs_fact_icon (verdict.state)));
  gtk_box_append (GTK_BOX (box), texts);
  return box;
}

static GtkWidget *
signature_row (const BsSignatureReport *sig, guint index, gboolean expanded)
{
  GtkWidget *expander = gtk_expander_new (NULL);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_expander_set_label_widget (GTK_EXPANDER (expander), heading_of (sig));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), expanded);
  gtk_widget_set_margin_start (body, 24);
  gtk_widget_set_margin_top (body, 8);
  gtk_widget_set_margin_bottom (body, 8);
  gtk_box_append (GTK_BOX (body), facts_of (sig));
  gtk_box_append (GTK_BOX (buttons), index_button (_("Certificate chain"), "details.chain", index));
  if (!bs_signature_is_timestamp (sig))
    gtk_box_append (GTK_BOX (buttons), index_button (_("View the signed version"), "details.compare", index));
  gtk_box_append (GTK_BOX (body), buttons);
  gtk_expander_set_child (GTK_EXPANDER (expander), body);
  gtk_widget_set_margin_top (expander, 6);
  gtk_widget_set_margin_bottom (expander, 6);
  return expander;
}

static GtkWidget *
document_heading (const BsVerifyReport *report)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *sentence = gtk_label_new (bs_report_verdict_sentence (report));
  const char *technical = bs_report_technical_error (report);

  gtk_label_set_wrap (GTK_LABEL (sentence), TRUE);
  gtk_label_set_xalign (GTK_LABEL (sentence), 0);
  gtk_widget_add_css_class (sentence, "title-4");
  gtk_box_append (GTK_BOX (line), gtk_image_new_from_icon_name (bs_fact_icon (bs_verdict_state (report->verdict))));
  gtk_box_append (GTK_BOX (line), sentence);
  gtk_box_append (GTK_BOX (box), line);
  if (technical != NULL)
    {
      GtkWidget *grid = bs_fact_grid_new ();
      bs_fact_grid_add_text (grid, _("Technical detail"), technical);
      gtk_box_append (GTK_BOX (box), grid);
    }
  return box;
}

static GtkWidget *
content_of (const BsVerifyReport *report)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gboolean few = report->signatures->len <= 2;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signatures"), -1);
  for (guint i = 0; i < report->signatures->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), signature_row (g_ptr_array_index (report->signatures, i), i, few));
  for (guint i = 0; i < report->empty_fields->len; i++)
    {
      g_autofree char *text = g_strdup_printf (_("Empty signature field “%s” (not signed)"),
                                               (char *) g_ptr_array_index (report->empty_fields, i));
      GtkWidget *label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), label);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 620);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), document_heading (report));
  if (report->signatures->len > 0 || report->empty_fields->len > 0)
    gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

static void
bs_signature_details_class_init (BsSignatureDetailsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_COMPARE] = g_signal_new ("compare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_install_action (widget_class, "details.chain", "u", chain_action);
  gtk_widget_class_install_action (widget_class, "details.compare", "u", compare_action);
}

static void
bs_signature_details_init (BsSignatureDetails *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Signature details"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 620);
}

GtkWidget *
bs_signature_details_new (BsAppContext *context, const BsVerifyReport *report)
{
  BsSignatureDetails *self = g_object_new (BS_TYPE_SIGNATURE_DETAILS, "context", context, NULL);
  GtkWidget *content = content_of (report);
  GtkWidget *close = gtk_button_new_with_label (_("Close"));

  self->report = report;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  gtk_widget_set_halign (close, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (content), close);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_window_set_child (GTK_WINDOW (self), content);
  /* Not the first selectable value: it would show selected. */
  gtk_window_set_focus (GTK_WINDOW (self), close);
  return GTK_WIDGET (self);
}
