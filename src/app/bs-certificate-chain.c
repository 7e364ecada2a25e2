/* bs-certificate-chain.c — see bs-certificate-chain.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-certificate-chain.h"
#include "bs-fact-grid.h"
#include "bs-signature-facts.h"

#include <glib/gi18n.h>

struct _BsCertificateChain {
  BsDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (BsCertificateChain, bs_certificate_chain, BS_TYPE_DIALOG)

static void bs_certificate_chain_class_init (BsCertificateChainClass *klass) { }

static void
bs_certificate_chain_init (BsCertificateChain *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 680, 560);
}

static char *
usages_of (const BsCertInfo *cert)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (char **u = cert->key_usages; u != NULL && *u != NULL; u++)
    g_strv_builder_add (words, bs_key_usage_describe (*u));
  list = g_strv_builder_end (words);
  return list[0] ? g_strjoinv (", ", list) : g_strdup ("-");
}

static GtkWidget *
certificate_box (const BsCertInfo *cert, guint index, guint count)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = bs_fact_grid_new ();
  const char *role = index == 0 ? _("Signer's certificate")
                     : index + 1 == count ? _("Root authority") : _("Intermediate authority");
  g_autofree char *title = g_strdup_printf ("%s: %s", role, cert->common_name ? cert->common_name : "-");
  g_autofree char *from = bs_time_describe (cert->not_before);
  g_autofree char *until = bs_time_describe (cert->not_after);
  g_autofree char *validity = g_strdup_printf (_("from %s until %s"), from ? from : "-", until ? until : "-");
  g_autofree char *algorithm = bs_algorithm_describe (cert->signature_algorithm);
  g_autofree char *usages = usages_of (cert);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  bs_fact_grid_add_text (grid, _("Issued to"), cert->subject);
  bs_fact_grid_add_text (grid, _("Issued by"), cert->issuer);
  bs_fact_grid_add_text (grid, _("Serial number"), cert->serial);
  bs_fact_grid_add_text (grid, _("Valid"), validity);
  bs_fact_grid_add_text (grid, _("Signature algorithm"), algorithm);
  bs_fact_grid_add_text (grid, _("Key usage"), usages);
  bs_fact_grid_add_text (grid, _("SHA-256 fingerprint"), cert->sha256);
  gtk_widget_set_margin_start (grid, 12);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}

GtkWidget *
bs_certificate_chain_new (BsAppContext *context, const char *signer, GPtrArray *chain)
{
  BsCertificateChain *self = g_object_new (BS_TYPE_CERTIFICATE_CHAIN, "context", context, NULL);
  g_autofree char *title = g_strdup_printf (_("Certificate chain of %s"), signer);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *close = gtk_button_new_with_label (_("Close"));

  gtk_window_set_title (GTK_WINDOW (self), title);
  for (guint i = 0; i < chain->len; i++)
    gtk_box_append (GTK_BOX (content), certificate_box (g_ptr_array_index (chain, i), i, chain->len));
  if (chain->len == 0)
    gtk_box_append (GTK_BOX (content), gtk_label_new (_("The signature carries no certificate.")));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  gtk_widget_set_halign (close, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (outer), scroller);
  gtk_box_append (GTK_BOX (outer), close);
  gtk_widget_set_margin_start (outer, 18);
  gtk_widget_set_margin_end (outer, 18);
  gtk_widget_set_margin_top (outer, 18);
  gtk_widget_set_margin_bottom (outer, 18);
  gtk_window_set_child (GTK_WINDOW (self), outer);
  /* Not the first selectable value: it would show selected. */
  gtk_window_set_focus (GTK_WINDOW (self), close);
  return GTK_WIDGET (self);
}
