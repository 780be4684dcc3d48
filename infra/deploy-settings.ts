import { z } from 'zod';
import { locales } from '../functions/shared/locales';
import { isSendableAddress } from '../functions/shared/rules/email-address';

/**
 * Settings a company gives at deploy time (CDK context, or flags of `npm start`). Business rules
 * (the numbers of DOMAIN.md) are not here: they live in the settings item in the table.
 */
export const deploySettingsSchema = z.object({
  // The mailer's own address rule: a sender it would refuse is refused at deploy.
  senderAddress: z.string().refine(isSendableAddress, {
    message: 'senderAddress must be an email address SES may send from',
  }),
  companyTimeZone: z.string().refine(isTimeZone, {
    message: 'companyTimeZone must be an IANA time zone such as Europe/Athens',
  }),
  defaultLocale: z.enum(locales, { message: `defaultLocale must be one of ${locales.join(', ')}` }),
  /**
   * Where customers and staff reach the desk (a custom domain in front of the API): emailed links
   * start with it. Optional: the HTTP API's own URL by default.
   */
  publicBaseUrl: z
    .url({
      protocol: /^https?$/,
      message: 'publicBaseUrl must be an http(s) URL such as https://desk.example.com',
    })
    .optional(),
});
export type DeploySettings = z.infer<typeof deploySettingsSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses raw settings; a bad one throws an error naming the setting. */
export function parseDeploySettings(raw: Record<string, unknown>): DeploySettings {
  const parsed = deploySettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid deploy settings:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
