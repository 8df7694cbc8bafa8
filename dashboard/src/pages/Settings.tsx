import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { settings } from '../api/endpoints';
import type { Address, Settings } from '../api/types';
import { AddressFields, addressToApi, EMPTY_ADDRESS } from '../components/AddressFields';
import { Card, ErrorBanner, fieldErrorsOf, Loading, Notice, PageTitle, TextArea, TextField } from '../components/ui';
import { useSession } from '../session';

export function SettingsPage() {
  const { canWrite } = useSession();
  const [params] = useSearchParams();
  const [doc, setDoc] = useState<Settings>();
  const [address, setAddress] = useState<Address>(EMPTY_ADDRESS);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    settings.get().then((s) => {
      setDoc(s);
      setAddress({ ...EMPTY_ADDRESS, ...(s.seller.address ?? {}) });
    }, setError);
  }, []);

  if (!doc) return <><PageTitle>Settings</PageTitle><ErrorBanner error={error} /><Loading /></>;

  const setSeller = (k: 'name' | 'email' | 'taxId') => (e: { target: { value: string } }) => setDoc({ ...doc, seller: { ...doc.seller, [k]: e.target.value } });
  const set = (k: keyof Settings) => (e: { target: { value: string } }) => setDoc({ ...doc, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setError(undefined);
    try {
      // PUT replaces the whole document: every field read is sent back, also ones this form does not show
      const body: Settings = {
        ...doc!,
        seller: { ...doc!.seller, address: addressToApi(address), taxId: doc!.seller.taxId || null },
        paymentTermsDays: Number(doc!.paymentTermsDays),
        defaultNotes: doc!.defaultNotes || null,
        defaultTerms: doc!.defaultTerms || null,
      };
      const result = await settings.put(body);
      setDoc(result);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fe = fieldErrorsOf(error);
  const ro = !canWrite;
  return (
    <form onSubmit={submit} noValidate>
      <PageTitle>Settings</PageTitle>
      {params.get('welcome') && <Notice>Welcome! Tell us who you are: these details appear on every invoice.</Notice>}
      {saved && <div className="banner banner-success" role="status">Settings saved.</div>}
      <ErrorBanner error={error} shownFields={Object.keys(fe)} />
      <fieldset disabled={ro} className="plain">
        <Card title="Seller">
          <div className="form-grid">
            <TextField label="Business name" value={doc.seller.name} onChange={setSeller('name')} error={fe['seller.name']} />
            <TextField label="Business email" type="email" value={doc.seller.email ?? ''} onChange={setSeller('email')} error={fe['seller.email']} />
            <TextField label="Seller tax ID" value={doc.seller.taxId ?? ''} onChange={setSeller('taxId')} error={fe['seller.taxId']} />
          </div>
          <AddressFields legend="Business address" value={address} onChange={setAddress} errors={fe} prefix="seller.address" />
        </Card>
        <Card title="Invoicing">
          <div className="form-grid">
            <TextField label="Default currency" maxLength={3} value={doc.defaultCurrency} onChange={(e) => setDoc({ ...doc, defaultCurrency: e.target.value.toUpperCase() })} error={fe.defaultCurrency} />
            <TextField label="Payment terms (days)" inputMode="numeric" value={String(doc.paymentTermsDays)} onChange={set('paymentTermsDays')} error={fe.paymentTermsDays} />
            <TextField label="Late fee % per month" inputMode="decimal" value={doc.lateFeePercentPerMonth} onChange={set('lateFeePercentPerMonth')} error={fe.lateFeePercentPerMonth} />
            <TextField label="Number format" value={doc.numberFormat} onChange={set('numberFormat')} error={fe.numberFormat} hint="e.g. {yyyy}-{seq:3}" />
            <TextField label="Locale" value={doc.locale ?? ''} onChange={set('locale')} error={fe.locale} hint="e.g. en-US, de-DE" />
          </div>
          <div className="form-grid">
            <TextArea label="Default notes" value={doc.defaultNotes ?? ''} onChange={set('defaultNotes')} error={fe.defaultNotes} />
            <TextArea label="Default terms" value={doc.defaultTerms ?? ''} onChange={set('defaultTerms')} error={fe.defaultTerms} />
          </div>
        </Card>
        {canWrite && <div className="form-actions"><button type="submit" className="button-primary" disabled={busy}>Save settings</button></div>}
      </fieldset>
    </form>
  );
}
