import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { sessions } from '../api/endpoints';
import { ErrorBanner, fieldErrorsOf, Notice, PageTitle, TextField } from '../components/ui';
import { passwordProblem } from '../lib/forms';
import { useSession } from '../session';

export function LoginPage() {
  const { signIn } = useSession();
  const [params] = useSearchParams();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // the app's routes then continue to ?next= (or home)
      await signIn(login, password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fe = fieldErrorsOf(error);
  return (
    <div className="auth">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <p className="brand-line"><span aria-hidden="true">◆</span> Billstream</p>
        <PageTitle>Log in</PageTitle>
        {params.get('expired') && <Notice>Your session has ended. Please log in again.</Notice>}
        <ErrorBanner error={error} shownFields={['login', 'password']} />
        <TextField label="Username or email" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} error={fe.login} required />
        <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fe.password} required />
        <button className="button-primary" type="submit" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
        <p>New to Billstream? <Link to="/signup">Create an account</Link></p>
      </form>
    </div>
  );
}

export function SignupPage() {
  const { signIn } = useSession();
  const [form, setForm] = useState({ organizationName: '', username: '', email: '', password: '' });
  const [error, setError] = useState<unknown>();
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const pw = passwordProblem(form.password);
    if (pw) problems.password = pw;
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await sessions.signup(form);
      // the app's routes then continue to the settings, the first thing a new account needs
      await signIn(form.username, form.password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const server = fieldErrorsOf(error);
  const fe = { ...server, ...local };
  const codeField = (error as { code?: string } | undefined)?.code === 'duplicate_username' ? { username: 'That username is taken.' }
    : (error as { code?: string } | undefined)?.code === 'duplicate_email' ? { email: 'That email is already registered.' } : {};
  const errs: Record<string, string | undefined> = { ...fe, ...codeField };
  return (
    <div className="auth">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <p className="brand-line"><span aria-hidden="true">◆</span> Billstream</p>
        <PageTitle>Create your account</PageTitle>
        {!Object.keys(codeField).length && <ErrorBanner error={error} shownFields={['organizationName', 'username', 'email', 'password']} />}
        <TextField label="Organization name" autoComplete="organization" value={form.organizationName} onChange={set('organizationName')} error={errs.organizationName} required />
        <TextField label="Username" autoComplete="username" value={form.username} onChange={set('username')} error={errs.username} hint="3–64 characters: a–z, 0–9, . _ -" required />
        <TextField label="Email" type="email" autoComplete="email" value={form.email} onChange={set('email')} error={errs.email} required />
        <TextField label="Password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errs.password} hint="At least 12 characters" required />
        <button className="button-primary" type="submit" disabled={busy}>{busy ? 'Creating…' : 'Sign up'}</button>
        <p>Already have an account? <Link to="/login">Log in</Link></p>
      </form>
    </div>
  );
}
