// The parts of the Firebase JS SDK the web app uses in cloud mode, bundled by Vite into
// static/vendor/firebase.js (one ES module, no CDN at run time).
export { initializeApp } from 'firebase/app';
export {
  getAuth,
  connectAuthEmulator,
  onAuthStateChanged,
  createUserWithEmailAndPassword,
  signInWithEmailAndPassword,
  signOut,
  sendPasswordResetEmail,
  confirmPasswordReset,
  verifyPasswordResetCode,
  RecaptchaVerifier,
  signInWithPhoneNumber,
} from 'firebase/auth';
export {
  getFirestore,
  connectFirestoreEmulator,
  collection,
  query,
  orderBy,
  limit,
  onSnapshot,
  doc,
  getDoc,
} from 'firebase/firestore';
