import webpush from "web-push";

/**
 * `npm run vapid:generate`: a fresh VAPID key pair for web push, printed as the env lines server/env.ts reads.
 * Generate once per deployment and keep the private key secret: changing keys invalidates every subscription.
 */
const keys = webpush.generateVAPIDKeys();
const subject = process.argv[2] ?? "mailto:admin@example.com";
console.log(`VAPID_PUBLIC_KEY=${keys.publicKey}`);
console.log(`VAPID_PRIVATE_KEY=${keys.privateKey}`);
console.log(`VAPID_SUBJECT=${subject}`);
