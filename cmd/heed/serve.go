package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/web"
)

func (a *app) serve(ctx context.Context, args []string) error {
	fs := a.flags("serve")
	addr := fs.String("addr", "", "listen address (default from heed.toml, $HEED_ADDR, or 127.0.0.1:8080)")
	demo := fs.Bool("demo", false, "fill an empty database with a synthetic council, several years of it, to explore")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, db, err := a.open(ctx, false, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if *addr != "" {
		cfg.Listen = *addr
	}
	log := a.logger()
	s := &web.Server{CouncilName: cfg.CouncilName, Store: db, Logger: log,
		SecureCookies: cfg.SecureCookies(), SuppressBelow: cfg.SuppressBelow, TrustedProxies: cfg.TrustedProxies,
		ReferencePrefixes: cfg.ReferencePrefixes, SendsEmail: cfg.Mail.Host != ""}
	h, err := s.Handler()
	if err != nil {
		return err
	}
	if h, err = withPublic(h, cfg, db, log); err != nil {
		return err
	}
	// Listen first, and set up single sign-on, so that a busy port or a
	// provider that cannot be reached stops Heed before it creates any
	// account: a one-time password is made only when it can be printed.
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", cfg.Listen, err)
	}
	defer ln.Close()
	url := "http://" + displayAddr(ln.Addr().String())
	if cfg.PublicURL != "" {
		url = strings.TrimSuffix(cfg.PublicURL, "/")
	}
	if cfg.OIDC != nil {
		o := cfg.OIDC
		s.OIDC, err = web.NewOIDC(web.OIDCConfig{Issuer: o.Issuer, ClientID: o.ClientID, ClientSecret: o.ClientSecret,
			RedirectURL: url + "/sign-in/oidc/callback", Label: o.Label, CreateUsers: o.CreateUsers, DisablePasswords: !o.Passwords})
		if err != nil {
			return err
		}
	}
	password, err := ensureFirstAdmin(ctx, db, a.actor())
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Heed is running for %s at %s\n", cfg.CouncilName, url)
	fmt.Fprintf(a.stdout, "Database: %s (%s)\n", sqlstore.Describe(cfg.Database), db.Dialect())
	if cfg.OIDC != nil {
		fmt.Fprintf(a.stdout, "Single sign-on: %s, returning to %s/sign-in/oidc/callback\n", cfg.OIDC.Issuer, url)
	}
	if password != "" {
		fmt.Fprintf(a.stdout, "\nFirst administrator created. Sign in at %s/sign-in with\n  user name: admin\n  one-time password: %s\nIt is shown only once; you will be asked to choose a new password when you first sign in.\nIf it is lost, an administrator on this server can give a new one: heed users reset admin\n\n", url, password)
	}
	if *demo {
		if err := loadDemo(ctx, db, a.stdout); err != nil {
			return err
		}
	}
	stopMail, err := startMail(ctx, cfg, db, url, log)
	if err != nil {
		return err
	}
	defer stopMail()
	fmt.Fprintln(a.stdout, "Press Ctrl+C to stop.")
	srv := &http.Server{Handler: h,
		// A request's headers must come within 10 seconds, and the whole
		// request within a minute; its body is read, within 30 seconds,
		// before it queues (see web.Server), so that a slow client never
		// holds a place others wait for. The largest upload, a 1 MB
		// bank-holidays.json, takes 30 seconds at 300 kbit/s.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		// Two minutes from the request's headers to the end of its
		// response: a queue under load, a report over a million records
		// (about a second) and its download on a slow line all fit.
		WriteTimeout: 2 * time.Minute,
		// A browser may keep an idle connection open for two minutes.
		IdleTimeout: 2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(a.stdout, "Heed stopped.")
	return nil
}

// ensureFirstAdmin creates the administrator "admin" with a one-time
// password when there are no users yet, and returns that password ("" when
// users already exist). There is never a fixed default password.
func ensureFirstAdmin(ctx context.Context, db *sqlstore.DB, by heed.Actor) (string, error) {
	n, err := db.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	password, hash, err := web.OneTimePassword(nil)
	if err != nil {
		return "", err
	}
	u := &heed.User{Username: "admin", DisplayName: "Administrator", Role: heed.RoleAdmin, PasswordHash: hash, MustChange: true}
	if err := db.CreateUser(ctx, by, u); err != nil {
		return "", err
	}
	return password, nil
}

// displayAddr turns a listen address into one a browser can open.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func isPostgres(dsn string) bool { return sqlstore.DialectOf(dsn) == sqlstore.Postgres }
